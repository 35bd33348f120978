// "5 minutes ago", "yesterday", "in 2 hours": a time as people say it, for a moment within the last month.
const relativeFormat = new Intl.RelativeTimeFormat("en-US", { numeric: "auto" });

const STEPS: ReadonlyArray<[unit: Intl.RelativeTimeFormatUnit, seconds: number]> = [
  ["day", 86_400],
  ["hour", 3_600],
  ["minute", 60],
];

/** The distance from `now` in words, or null when it is a month or more away (then a date reads better). */
export function relativeTime(date: Date, now: Date): string | null {
  const seconds = (date.getTime() - now.getTime()) / 1000;
  const distance = Math.abs(seconds);
  if (distance >= 30 * 86_400) return null;
  if (distance < 45) return "just now";
  for (const [unit, size] of STEPS) {
    if (distance >= size) return relativeFormat.format(Math.round(seconds / size), unit);
  }
  return relativeFormat.format(Math.round(seconds / 60), "minute");
}
