import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { cn, formatNumber } from "@/lib/utils";

type TCounts = { total: number; None: number; Spam: number; Phish: number; Malware: number };
export type TVolume = { interval: "day" | "hour"; buckets: ({ start: Date } & TCounts)[]; totals: TCounts };

// Bottom to top: clean mail is the base, the rarer and worse verdicts sit on top where the eye lands.
const SERIES = [
  { key: "None", label: "No threat", swatch: "bg-info" },
  { key: "Spam", label: "Spam", swatch: "bg-low" },
  { key: "Phish", label: "Phish", swatch: "bg-medium" },
  { key: "Malware", label: "Malware", swatch: "bg-high" },
] as const;

const dayLabel = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", timeZone: "UTC" });
const hourLabel = new Intl.DateTimeFormat("en-US", { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: "UTC" });
const dayHourLabel = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: "UTC" });

/** An even step of 10ⁿ (2, 4, 6, 8, 10 …) at or above the value, so the axis and its midpoint read as whole numbers. */
function niceCeil(value: number): number {
  const magnitude = 10 ** Math.floor(Math.log10(Math.max(1, value)));
  return [2, 4, 6, 8, 10].map((step) => step * magnitude).find((candidate) => candidate >= value) ?? 10 * magnitude;
}

/**
 * A stacked bar chart of plain divs (no chart library). Screen readers get a one-sentence summary on the chart
 * and the full numbers in the table under "Show the numbers", which sighted users can open too.
 */
export function VolumeChart({ volume, windowPhrase }: { volume: TVolume; windowPhrase: string }) {
  const { buckets, totals } = volume;
  const isHourly = volume.interval === "hour";
  const axisMax = niceCeil(Math.max(...buckets.map((bucket) => bucket.total), 1));
  const labelOf = (start: Date) => (isHourly ? hourLabel.format(start) : dayLabel.format(start));
  const longLabelOf = (start: Date) => (isHourly ? dayHourLabel.format(start) : dayLabel.format(start));
  // About ten axis labels on a wide screen and five on a phone, whatever the number of bars, so they never collide.
  const labelEvery = Math.max(1, Math.ceil(buckets.length / 10));
  const busiest = buckets.reduce((best, bucket) => (bucket.total > best.total ? bucket : best), buckets[0]);
  const unit = isHourly ? "hour" : "day";
  const summary =
    totals.total === 0
      ? `No messages in ${windowPhrase}.`
      : `${formatNumber(totals.total)} messages in ${windowPhrase}: ${SERIES.map((series) => `${formatNumber(totals[series.key])} ${series.label.toLowerCase()}`).join(", ")}. Busiest ${unit}: ${longLabelOf(busiest.start)}, ${formatNumber(busiest.total)} messages.`;

  return (
    <Card>
      <CardHeader className="gap-2 sm:flex-row sm:items-start sm:justify-between">
        <div className="space-y-1">
          <CardTitle>Email volume</CardTitle>
          <CardDescription>
            Messages per {unit} in {windowPhrase} (UTC), by threat
          </CardDescription>
        </div>
        <ul aria-label="Totals" className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-muted-foreground">
          {SERIES.map((series) => (
            <li key={series.key} className="flex items-center gap-1.5">
              <span aria-hidden className={cn("size-2.5 rounded-sm", series.swatch)} />
              {series.label}
              <span className="font-semibold text-foreground tabular-nums">{formatNumber(totals[series.key])}</span>
            </li>
          ))}
        </ul>
      </CardHeader>
      <CardContent>
        <div role="img" aria-label={summary}>
          <div className="flex gap-2">
            <div aria-hidden className="flex h-36 w-10 shrink-0 flex-col justify-between text-right text-[11px] leading-none text-muted-foreground tabular-nums">
              <span>{formatNumber(axisMax)}</span>
              <span>{formatNumber(axisMax / 2)}</span>
              <span>0</span>
            </div>
            <div className="relative min-w-0 flex-1">
              <div aria-hidden className="absolute inset-x-0 top-0 border-t border-dashed" />
              <div aria-hidden className="absolute inset-x-0 top-1/2 border-t border-dashed" />
              {totals.total === 0 ? (
                <p className="absolute inset-x-0 top-1/2 -translate-y-1/2 text-center text-sm text-muted-foreground">
                  <span className="bg-card px-2">No messages in {windowPhrase}</span>
                </p>
              ) : null}
              <div className="relative flex h-36 items-end gap-px border-b border-input sm:gap-1">
                {buckets.map((bucket) => (
                  <div
                    key={bucket.start.toISOString()}
                    className="flex h-full min-w-0 flex-1 flex-col justify-end"
                    title={`${longLabelOf(bucket.start)}: ${formatNumber(bucket.total)} messages${SERIES.filter((series) => series.key !== "None" && bucket[series.key]).map((series) => `, ${formatNumber(bucket[series.key])} ${series.label.toLowerCase()}`).join("")}`}
                  >
                    <div className={cn("flex flex-col-reverse overflow-hidden rounded-t-sm", bucket.total > 0 && "min-h-0.5")} style={{ height: `${(bucket.total / axisMax) * 100}%` }}>
                      {SERIES.map((series) =>
                        bucket[series.key] ? (
                          // A handful of threats among thousands of messages still shows as a sliver.
                          <div key={series.key} className={cn("min-h-0.5 shrink-0", series.swatch)} style={{ height: `${(bucket[series.key] / bucket.total) * 100}%` }} />
                        ) : null,
                      )}
                    </div>
                  </div>
                ))}
              </div>
              <div aria-hidden className="mt-1 flex gap-px sm:gap-1">
                {buckets.map((bucket, index) => (
                  <div key={bucket.start.toISOString()} className="relative h-4 min-w-0 flex-1">
                    {index % labelEvery === 0 ? (
                      <span
                        className={cn(
                          "absolute left-1/2 -translate-x-1/2 text-[11px] whitespace-nowrap text-muted-foreground",
                          index % (labelEvery * 2) !== 0 && "hidden sm:inline",
                        )}
                      >
                        {labelOf(bucket.start)}
                      </span>
                    ) : null}
                  </div>
                ))}
              </div>
            </div>
          </div>
        </div>
        <details className="mt-3 text-sm">
          <summary className="w-fit cursor-pointer rounded-sm text-link hover:underline">Show the numbers</summary>
          <div className="mt-2 max-h-72 overflow-y-auto rounded-md border">
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead>{isHourly ? "Hour (UTC)" : "Day (UTC)"}</TableHead>
                  {SERIES.map((series) => (
                    <TableHead key={series.key} className="text-right">
                      {series.label}
                    </TableHead>
                  ))}
                  <TableHead className="text-right">Total</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {buckets.map((bucket) => (
                  <TableRow key={bucket.start.toISOString()}>
                    <TableCell>{longLabelOf(bucket.start)}</TableCell>
                    {SERIES.map((series) => (
                      <TableCell key={series.key} className="text-right tabular-nums">
                        {formatNumber(bucket[series.key])}
                      </TableCell>
                    ))}
                    <TableCell className="text-right font-medium tabular-nums">{formatNumber(bucket.total)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        </details>
      </CardContent>
    </Card>
  );
}
