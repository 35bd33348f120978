// Formats the Explorer pages share. Fixed locale and UTC, so server and browser render the same text.

const EMPTY = "—";

const utcSeconds = new Intl.DateTimeFormat("en-US", {
  year: "numeric",
  month: "short",
  day: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
  timeZone: "UTC",
});

/** "Mar 4, 2025, 14:03:12": mail is read to the second, and the column header already says UTC. */
export function formatUtcSeconds(value: Date | string | null | undefined): string {
  if (!value) return EMPTY;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? EMPTY : utcSeconds.format(date);
}

const BYTE_UNITS = ["bytes", "KB", "MB", "GB"] as const;

/** "48.2 KB"; binary steps of 1,024, one decimal above bytes. */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes) || bytes < 0) return EMPTY;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${value} bytes` : `${value.toFixed(1)} ${BYTE_UNITS[unit]}`;
}
