import "server-only";
import { prisma } from "@/server/db";

// Failed sign-ins are counted per key within WINDOW; a key that reaches its limit is locked for LOCK. Kept in
// PostgreSQL so that several app instances share it. The keys are chosen so that a stranger cannot lock anyone else out:
// - (account, IP) pairs lock after MAX_FAILURES: guessing one account from one address stops, and the account's owner,
//   signing in from anywhere else, is not locked out by it;
// - an IP locks after MAX_FAILURES_PER_IP failures over all accounts: spraying many accounts from one address stops;
// - an account is never locked as a whole: after MAX_FAILURES failures from anywhere, each attempt on it waits a
//   growing delay (accountDelayMs), which slows guessing from many addresses without shutting its owner out.
export const MAX_FAILURES = 5;
export const MAX_FAILURES_PER_IP = 20;
const WINDOW_MINUTES = 15;
const LOCK_MINUTES = 15;
const DELAY_BASE_MS = 500;
const DELAY_CAP_MS = 10_000;

export type TThrottleKeys = { pair: string; account: string; ip: string | null };

/**
 * The keys of one attempt. An unknown client address (no socket peer, see client-ip.ts) is one shared key for its
 * pairs, but never an IP lock: that would lock out everyone whose address is unknown.
 */
export const throttleKeys = (email: string, ip: string | null): TThrottleKeys => {
  const account = email.toLowerCase();
  return { pair: `pair:${account}|${ip ?? "unknown"}`, account: `account:${account}`, ip: ip ? `ip:${ip}` : null };
};

const lockable = (keys: TThrottleKeys) => [keys.pair, ...(keys.ip ? [keys.ip] : [])];

export async function lockedUntil(keys: TThrottleKeys): Promise<Date | null> {
  const rows = await prisma.signInThrottle.findMany({
    where: { key: { in: lockable(keys) }, lockedUntil: { gt: new Date() } },
  });
  const until = rows.map((row) => row.lockedUntil!.getTime());
  return until.length ? new Date(Math.max(...until)) : null;
}

/** The wait before checking a password for an account with `failures` recent failures: 0, then 0.5 s doubling to 10 s. */
export function accountDelayMs(failures: number): number {
  return failures < MAX_FAILURES ? 0 : Math.min(DELAY_BASE_MS * 2 ** (failures - MAX_FAILURES), DELAY_CAP_MS);
}

/** The account's failures within the window, from every address. */
export async function accountFailures(keys: TThrottleKeys): Promise<number> {
  const row = await prisma.signInThrottle.findUnique({ where: { key: keys.account } });
  return row && row.windowStart.getTime() >= Date.now() - WINDOW_MINUTES * 60_000 ? row.failures : 0;
}

export async function recordFailure(keys: TThrottleKeys): Promise<void> {
  const limits: [string, number | null][] = [
    [keys.pair, MAX_FAILURES],
    [keys.account, null],
    ...(keys.ip ? [[keys.ip, MAX_FAILURES_PER_IP] as [string, number]] : []),
  ];
  // One statement per key, race-free: concurrent failures all count.
  for (const [key, limit] of limits) {
    await prisma.$executeRaw`
      insert into "SignInThrottle" (key, failures, "windowStart")
      values (${key}, 1, now())
      on conflict (key) do update set
        failures = case when "SignInThrottle"."windowStart" < now() - make_interval(mins => ${WINDOW_MINUTES}) then 1
                        else "SignInThrottle".failures + 1 end,
        "windowStart" = case when "SignInThrottle"."windowStart" < now() - make_interval(mins => ${WINDOW_MINUTES}) then now()
                             else "SignInThrottle"."windowStart" end,
        "lockedUntil" = case when ${limit}::int is not null and "SignInThrottle".failures + 1 >= ${limit}::int
                              and "SignInThrottle"."windowStart" >= now() - make_interval(mins => ${WINDOW_MINUTES})
                             then now() + make_interval(mins => ${LOCK_MINUTES}) else "SignInThrottle"."lockedUntil" end`;
  }
}

/** A successful sign-in clears its pair and the account's delay; the address's count over other accounts stays. */
export async function clearFailures(keys: TThrottleKeys): Promise<void> {
  await prisma.signInThrottle.deleteMany({ where: { key: { in: [keys.pair, keys.account] } } });
}
