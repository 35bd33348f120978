import { formatNumber } from "@/lib/utils";
import { cellText, type TChartKind, type THuntingResult } from "./hunting-result";

const NUMERIC = new Set(["int", "long", "real"]);
// More bars than this stop being readable in the card's width; the table has the rest.
const MAX_POINTS = 60;

/** The chart's axes as Defender picks them: the first string or datetime column against the first numeric one. */
export function chartSeries(
  result: THuntingResult,
): { label: string; value: string; points: { label: string; value: number }[] } | null {
  const labelColumn = result.columns.find((column) => column.type === "string" || column.type === "datetime");
  const valueColumn = result.columns.find((column) => NUMERIC.has(column.type));
  if (!labelColumn || !valueColumn) return null;
  const points = result.rows
    .slice(0, MAX_POINTS)
    .map((row) => ({ label: cellText(row[labelColumn.name]), value: Number(row[valueColumn.name] ?? 0) }));
  return { label: labelColumn.name, value: valueColumn.name, points };
}

/**
 * Bars, or a line for time and line charts, drawn with divs and one SVG (no chart library), as Explorer's volume chart.
 * Screen readers get a summary; the numbers are in the table beside it.
 */
export function ResultsChart({ result, kind }: { result: THuntingResult; kind: TChartKind }) {
  const series = chartSeries(result);
  if (!series)
    return (
      <p className="text-sm text-muted-foreground">A chart needs a string or datetime column and a numeric column.</p>
    );
  const max = Math.max(...series.points.map((point) => point.value), 1);
  const isLine = kind === "timechart" || kind === "linechart";
  const summary = `${kind} of ${series.value} by ${series.label}, ${series.points.length} points, highest ${formatNumber(max)}.`;

  return (
    <figure role="img" aria-label={summary} className="space-y-1">
      <div className="flex gap-2">
        <div
          aria-hidden
          className="flex h-40 w-12 shrink-0 flex-col justify-between text-right text-[11px] leading-none text-muted-foreground tabular-nums"
        >
          <span>{formatNumber(max)}</span>
          <span>0</span>
        </div>
        {isLine ? (
          <svg
            viewBox="0 0 100 100"
            preserveAspectRatio="none"
            className="h-40 min-w-0 flex-1 border-b border-input text-info"
            role="img"
            aria-label="The results as a line chart"
          >
            <polyline
              fill="none"
              stroke="currentColor"
              strokeWidth="1.5"
              vectorEffect="non-scaling-stroke"
              points={series.points
                .map(
                  (point, index) =>
                    `${series.points.length > 1 ? (index / (series.points.length - 1)) * 100 : 50},${100 - (point.value / max) * 100}`,
                )
                .join(" ")}
            />
          </svg>
        ) : (
          <div className="flex h-40 min-w-0 flex-1 items-end gap-px border-b border-input sm:gap-1">
            {series.points.map((point, index) => (
              <div
                key={index}
                title={`${point.label}: ${formatNumber(point.value)}`}
                className="min-h-0.5 min-w-0 flex-1 rounded-t-sm bg-info"
                style={{ height: `${(point.value / max) * 100}%` }}
              />
            ))}
          </div>
        )}
      </div>
      <figcaption className="flex justify-between pl-14 text-[11px] text-muted-foreground">
        <span className="truncate">{series.points[0]?.label}</span>
        <span>
          {series.value} by {series.label}
        </span>
        <span className="truncate">{series.points[series.points.length - 1]?.label}</span>
      </figcaption>
    </figure>
  );
}
