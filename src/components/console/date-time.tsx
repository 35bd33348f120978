import { relativeTime } from "@/lib/relative-time";
import { formatDateTime } from "@/lib/utils";

/**
 * Every time a list shows, the same way: a <time> with its machine-readable moment, "5 minutes ago" in the text and the
 * exact time in the tooltip. A month or more ago, the text is the exact time itself.
 */
export function DateTime({ value }: { value: Date | string | number | null | undefined }) {
  const date = value === null || value === undefined || value === "" ? null : new Date(value);
  if (!date || Number.isNaN(date.getTime())) return <span className="text-muted-foreground">—</span>;
  const absolute = formatDateTime(date);
  const relative = relativeTime(date, new Date());
  return (
    // The server renders "5 minutes ago" a moment before the browser does: the text may differ by a minute.
    <time dateTime={date.toISOString()} title={relative ? absolute : undefined} suppressHydrationWarning>
      {relative ?? absolute}
    </time>
  );
}
