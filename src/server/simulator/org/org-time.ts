import "server-only";
import type { Random } from "@/lib/random";

export const DAY_MS = 86_400_000;

/** Monday to Friday, by the UTC calendar. */
export const isWorkingDay = (dayStart: number) => {
  const weekday = new Date(dayStart).getUTCDay();
  return weekday >= 1 && weekday <= 5;
};

/** A whole number of events whose mean is `mean`, varying ±50% from one draw to the next. */
export const countFor = (random: Random, mean: number) => Math.floor(mean * (0.5 + random.next()) + random.next());

// Office rhythm in the sender's own time zone: a morning and an afternoon peak, a lunch dip, a few late messages.
// The result is kept inside the UTC day, so a day's rows never spill out of the simulated window.
export function businessTime(random: Random, dayStart: number, utcOffsetMinutes: number): string {
  const localMinutes = random.chance(0.88)
    ? random.chance(0.55)
      ? random.normal(10 * 60, 75)
      : random.normal(14.5 * 60, 90)
    : random.int(6 * 60, 23 * 60);
  const clamped = Math.min(23 * 60 + 59, Math.max(0, localMinutes));
  const utcMs = Math.round(clamped * 60_000 + random.int(0, 59_999)) - utcOffsetMinutes * 60_000;
  return new Date(dayStart + (((utcMs % DAY_MS) + DAY_MS) % DAY_MS)).toISOString();
}
