import { relativeTime } from "@/lib/relative-time";
import { formatDateTime } from "@/lib/utils";

type TDateTimeProps = {
  value: Date | string | number | null | undefined;
  /** "relative" (default): "5 minutes ago", the exact time in the tooltip; "absolute": the exact time, the distance in the tooltip. */
  format?: "relative" | "absolute";
};

/**
 * Every time the console shows, the same way: a <time> with its machine-readable moment, one reading in the text and
 * the other in the tooltip. Older than a month, the text is the date itself.
 */
export function DateTime({ value, format = "relative" }: TDateTimeProps) {
  const date = value === null || value === undefined || value === "" ? null : new Date(value);
  if (!date || Number.isNaN(date.getTime())) return <span className="text-muted-foreground">—</span>;
  const absolute = formatDateTime(date);
  const relative = relativeTime(date, new Date());
  const [text, tooltip] = format === "relative" && relative ? [relative, absolute] : [absolute, relative ?? undefined];
  return (
    // The server renders "5 minutes ago" a moment before the browser does: the text may differ by a minute.
    <time dateTime={date.toISOString()} title={tooltip} suppressHydrationWarning>
      {text}
    </time>
  );
}
