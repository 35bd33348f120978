import { humanize } from "@/lib/labels";
import { formatDateTime, formatNumber } from "@/lib/utils";

type TJson = string | number | boolean | null | TJson[] | { [key: string]: TJson };

const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
// Deeper than this, structure stops helping a reader; the raw JSON is clearer.
const MAX_DEPTH = 3;

function isRecord(value: unknown): value is Record<string, TJson> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function JsonValue({ value, depth }: { value: TJson; depth: number }) {
  if (value === null || value === "") return <span className="text-muted-foreground">—</span>;
  if (typeof value === "boolean") return <>{value ? "Yes" : "No"}</>;
  if (typeof value === "number") return <span className="tabular-nums">{formatNumber(value)}</span>;
  if (typeof value === "string") return <>{ISO_DATE.test(value) ? formatDateTime(value) : value}</>;
  if (depth >= MAX_DEPTH) return <code className="text-xs break-all">{JSON.stringify(value)}</code>;
  if (Array.isArray(value)) {
    if (!value.length) return <span className="text-muted-foreground">none</span>;
    if (value.every((item) => typeof item !== "object" || item === null))
      return <>{value.map((item) => String(item)).join(", ")}</>;
    return (
      <ul className="space-y-2">
        {value.map((item, index) => (
          <li key={index} className="rounded-md border p-2">
            <JsonValue value={item} depth={depth + 1} />
          </li>
        ))}
      </ul>
    );
  }
  return <JsonRecord value={value} depth={depth + 1} />;
}

function JsonRecord({ value, depth }: { value: Record<string, TJson>; depth: number }) {
  return (
    <dl className="grid grid-cols-1 gap-x-4 gap-y-1 sm:grid-cols-[minmax(8rem,auto)_1fr]">
      {Object.entries(value).map(([key, item]) => (
        <div key={key} className="contents">
          <dt className="text-muted-foreground">{humanize(key)}</dt>
          <dd className="min-w-0 break-words">
            <JsonValue value={item} depth={depth} />
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** A detection's `details` JSON as readable label/value pairs, nested objects indented, dates formatted. */
export function JsonDetails({
  value,
  emptyText = "No further details were recorded.",
}: {
  value: unknown;
  emptyText?: string;
}) {
  if (!isRecord(value) || Object.keys(value).length === 0)
    return <p className="text-sm text-muted-foreground">{emptyText}</p>;
  return (
    <div className="text-sm">
      <JsonRecord value={value} depth={0} />
    </div>
  );
}
