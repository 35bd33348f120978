import { clsx, type ClassValue } from "clsx";
import { twMerge } from "tailwind-merge";

export function cn(...inputs: ClassValue[]): string {
  return twMerge(clsx(inputs));
}

const EMPTY = "—";

type DateTimeOptions = {
  /** IANA zone. Defaults to UTC so server and browser render the same text (no hydration mismatch). */
  timeZone?: string;
};

/** "Mar 4, 2025, 14:03 UTC"; an em dash for a missing or invalid value. */
export function formatDateTime(
  value: Date | string | number | null | undefined,
  { timeZone = "UTC" }: DateTimeOptions = {},
): string {
  if (value === null || value === undefined || value === "") return EMPTY;
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return EMPTY;
  return new Intl.DateTimeFormat("en-US", {
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZone,
    timeZoneName: "short",
  }).format(date);
}

const UNITS: ReadonlyArray<[label: string, ms: number]> = [
  ["d", 86_400_000],
  ["h", 3_600_000],
  ["m", 60_000],
  ["s", 1_000],
];

/** Two most significant units: "45s", "3m 12s", "2h 5m", "3d 4h"; "<1s" below a second. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms) || ms < 0) return EMPTY;
  if (ms < 1_000) return "<1s";
  const parts: string[] = [];
  let rest = ms;
  for (const [label, size] of UNITS) {
    const amount = Math.floor(rest / size);
    if (amount > 0 || parts.length > 0) parts.push(`${amount}${label}`);
    rest -= amount * size;
    if (parts.length === 2) break;
  }
  // "2h 0m" reads as noise; drop a trailing zero unit.
  if (parts.length === 2 && parts[1].startsWith("0")) parts.pop();
  return parts.join(" ");
}

const numberFormat = new Intl.NumberFormat("en-US");

/** "104,213"; fixed locale for the same reason as formatDateTime. */
export function formatNumber(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return EMPTY;
  return numberFormat.format(value);
}
