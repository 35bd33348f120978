import { SeriesLegend, StackedBars } from "@/components/charts/stacked-bars";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { formatNumber } from "@/lib/utils";

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
const hourLabel = new Intl.DateTimeFormat("en-US", {
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
  timeZone: "UTC",
});
const dayHourLabel = new Intl.DateTimeFormat("en-US", {
  month: "short",
  day: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
  timeZone: "UTC",
});

/** Email volume by threat; screen readers get a one-sentence summary, and everyone the numbers under "Show the numbers". */
export function VolumeChart({ volume, windowPhrase }: { volume: TVolume; windowPhrase: string }) {
  const { buckets, totals } = volume;
  const isHourly = volume.interval === "hour";
  const labelOf = (start: Date) => (isHourly ? hourLabel.format(start) : dayLabel.format(start));
  const longLabelOf = (start: Date) => (isHourly ? dayHourLabel.format(start) : dayLabel.format(start));
  const busiest = buckets.reduce((best, bucket) => (bucket.total > best.total ? bucket : best), buckets[0]);
  const unit = isHourly ? "hour" : "day";
  const summary =
    totals.total === 0
      ? `No messages in ${windowPhrase}.`
      : `${formatNumber(totals.total)} messages in ${windowPhrase}: ${SERIES.map((series) => `${formatNumber(totals[series.key])} ${series.label.toLowerCase()}`).join(", ")}. Busiest ${unit}: ${longLabelOf(busiest.start)}, ${formatNumber(busiest.total)} messages.`;
  const bars = buckets.map((bucket) => ({
    id: bucket.start.toISOString(),
    label: labelOf(bucket.start),
    longLabel: longLabelOf(bucket.start),
    values: bucket,
  }));

  return (
    <Card>
      <CardHeader className="gap-2 sm:flex-row sm:items-start sm:justify-between">
        <div className="space-y-1">
          <CardTitle>Email volume</CardTitle>
          <CardDescription>
            Messages per {unit} in {windowPhrase} (UTC), by threat
          </CardDescription>
        </div>
        <SeriesLegend series={SERIES} totals={totals} />
      </CardHeader>
      <CardContent>
        <StackedBars
          series={SERIES}
          bars={bars}
          summary={summary}
          emptyText={`No messages in ${windowPhrase}`}
          barHeading={isHourly ? "Hour (UTC)" : "Day (UTC)"}
        />
      </CardContent>
    </Card>
  );
}
