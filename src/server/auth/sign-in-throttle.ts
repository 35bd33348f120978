import "server-only";
import { prisma } from "@/server/db";

// After MAX_FAILURES failed sign-ins for one email or from one IP within WINDOW, that key is locked for LOCK.
// Kept in PostgreSQL so that several app instances share it.
export const MAX_FAILURES = 5;
const WINDOW_MINUTES = 15;
const LOCK_MINUTES = 15;

export async function lockedUntil(keys: string[]): Promise<Date | null> {
  const rows = await prisma.signInThrottle.findMany({ where: { key: { in: keys }, lockedUntil: { gt: new Date() } } });
  const until = rows.map((row) => row.lockedUntil!.getTime());
  return until.length ? new Date(Math.max(...until)) : null;
}

export async function recordFailure(keys: string[]): Promise<void> {
  // One statement per key, race-free: concurrent failures all count.
  for (const key of keys) {
    await prisma.$executeRaw`
      insert into "SignInThrottle" (key, failures, "windowStart")
      values (${key}, 1, now())
      on conflict (key) do update set
        failures = case when "SignInThrottle"."windowStart" < now() - make_interval(mins => ${WINDOW_MINUTES}) then 1
                        else "SignInThrottle".failures + 1 end,
        "windowStart" = case when "SignInThrottle"."windowStart" < now() - make_interval(mins => ${WINDOW_MINUTES}) then now()
                             else "SignInThrottle"."windowStart" end,
        "lockedUntil" = case when "SignInThrottle".failures + 1 >= ${MAX_FAILURES}
                              and "SignInThrottle"."windowStart" >= now() - make_interval(mins => ${WINDOW_MINUTES})
                             then now() + make_interval(mins => ${LOCK_MINUTES}) else "SignInThrottle"."lockedUntil" end`;
  }
}

export async function clearFailures(keys: string[]): Promise<void> {
  await prisma.signInThrottle.deleteMany({ where: { key: { in: keys } } });
}

export const throttleKeys = (email: string, ip: string | null) => [`email:${email.toLowerCase()}`, ...(ip ? [`ip:${ip}`] : [])];
