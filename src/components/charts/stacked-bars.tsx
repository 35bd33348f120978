import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { cn, formatNumber } from "@/lib/utils";

export type TBarSeries<K extends string> = { key: K; label: string; swatch: string };
export type TBar<K extends string> = {
  id: string;
  label: string;
  longLabel: string;
  values: Record<K, number>;
  className?: string;
};

type TStackedBarsProps<K extends string> = {
  /** Bottom to top. */
  series: readonly TBarSeries<K>[];
  bars: readonly TBar<K>[];
  /** One sentence for screen readers; the numbers are in the table under "Show the numbers". */
  summary: string;
  emptyText: string;
  /** The first column's heading in the numbers table, e.g. "Day (UTC)". */
  barHeading: string;
  height?: "h-28" | "h-36";
};

/** An even step of 10ⁿ (2, 4, 6, 8, 10 …) at or above the value, so the axis and its midpoint read as whole numbers. */
function niceCeil(value: number): number {
  const magnitude = 10 ** Math.floor(Math.log10(Math.max(1, value)));
  return [2, 4, 6, 8, 10].map((step) => step * magnitude).find((candidate) => candidate >= value) ?? 10 * magnitude;
}

/**
 * Stacked bars of plain divs (no chart library: a few dozen bars need none), used by Explorer's volume chart and
 * Home's trends. About ten axis labels on a wide chart and five on a narrow one (a phone, or a card in a column of
 * two: a container query, since the viewport says nothing about the card), whatever the number of bars.
 */
export function StackedBars<K extends string>({
  series,
  bars,
  summary,
  emptyText,
  barHeading,
  height = "h-36",
}: TStackedBarsProps<K>) {
  const totalOf = (bar: TBar<K>) => series.reduce((sum, { key }) => sum + bar.values[key], 0);
  const totals = bars.map(totalOf);
  const axisMax = niceCeil(Math.max(...totals, 1));
  const labelEvery = Math.max(1, Math.ceil(bars.length / 10));
  const isEmpty = totals.every((total) => total === 0);

  return (
    <div className="@container">
      <div role="img" aria-label={summary}>
        <div className="flex gap-2">
          <div
            aria-hidden
            className={cn(
              "flex w-10 shrink-0 flex-col justify-between text-right text-[11px] leading-none text-muted-foreground tabular-nums",
              height,
            )}
          >
            <span>{formatNumber(axisMax)}</span>
            <span>{formatNumber(axisMax / 2)}</span>
            <span>0</span>
          </div>
          <div className="relative min-w-0 flex-1">
            <div aria-hidden className="absolute inset-x-0 top-0 border-t border-dashed" />
            <div aria-hidden className="absolute inset-x-0 top-1/2 border-t border-dashed" />
            {isEmpty ? (
              <p className="absolute inset-x-0 top-1/2 -translate-y-1/2 text-center text-sm text-muted-foreground">
                <span className="bg-card px-2">{emptyText}</span>
              </p>
            ) : null}
            <div className={cn("relative flex items-end gap-px border-b border-input sm:gap-1", height)}>
              {bars.map((bar, index) => (
                <div
                  key={bar.id}
                  className={cn("flex h-full min-w-0 flex-1 flex-col justify-end", bar.className)}
                  title={`${bar.longLabel}: ${
                    series
                      .filter(({ key }) => bar.values[key])
                      .map(({ key, label }) => `${formatNumber(bar.values[key])} ${label.toLowerCase()}`)
                      .join(", ") || "none"
                  }`}
                >
                  <div
                    className={cn(
                      "flex flex-col-reverse overflow-hidden rounded-t-sm",
                      totals[index] > 0 && "min-h-0.5",
                    )}
                    style={{ height: `${(totals[index] / axisMax) * 100}%` }}
                  >
                    {series.map(({ key, swatch }) =>
                      bar.values[key] ? (
                        // A handful among thousands still shows as a sliver.
                        <div
                          key={key}
                          className={cn("min-h-0.5 shrink-0", swatch)}
                          style={{ height: `${(bar.values[key] / totals[index]) * 100}%` }}
                        />
                      ) : null,
                    )}
                  </div>
                </div>
              ))}
            </div>
            <div aria-hidden className="mt-1 flex gap-px sm:gap-1">
              {bars.map((bar, index) => (
                <div key={bar.id} className="relative h-4 min-w-0 flex-1">
                  {index % labelEvery === 0 ? (
                    <span
                      className={cn(
                        "absolute left-1/2 -translate-x-1/2 text-[11px] whitespace-nowrap text-muted-foreground",
                        index % (labelEvery * 2) !== 0 && "hidden @2xl:inline",
                      )}
                    >
                      {bar.label}
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
                <TableHead>{barHeading}</TableHead>
                {series.map(({ key, label }) => (
                  <TableHead key={key} className="text-right">
                    {label}
                  </TableHead>
                ))}
                <TableHead className="text-right">Total</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {bars.map((bar, index) => (
                <TableRow key={bar.id}>
                  <TableCell>{bar.longLabel}</TableCell>
                  {series.map(({ key }) => (
                    <TableCell key={key} className="text-right tabular-nums">
                      {formatNumber(bar.values[key])}
                    </TableCell>
                  ))}
                  <TableCell className="text-right font-medium tabular-nums">{formatNumber(totals[index])}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      </details>
    </div>
  );
}

/** The series with their totals, beside a chart's title. */
export function SeriesLegend<K extends string>({
  series,
  totals,
}: {
  series: readonly TBarSeries<K>[];
  totals: Record<K, number>;
}) {
  return (
    <ul aria-label="Totals" className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-muted-foreground">
      {series.map(({ key, label, swatch }) => (
        <li key={key} className="flex items-center gap-1.5">
          <span aria-hidden className={cn("size-2.5 rounded-sm", swatch)} />
          {label}
          <span className="font-semibold text-foreground tabular-nums">{formatNumber(totals[key])}</span>
        </li>
      ))}
    </ul>
  );
}
