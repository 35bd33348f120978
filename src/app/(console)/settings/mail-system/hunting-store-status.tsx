import type { THuntingStoreStatus } from "@/server/hunting/store/hunting-store";

/** One line under the mail system: which store advanced hunting reads, and how far its ClickHouse copy is behind. */
export function HuntingStoreStatus({ status }: { status: THuntingStoreStatus }) {
  const text =
    status.store === "postgres"
      ? "Advanced hunting runs on PostgreSQL (BREAKWATER_CLICKHOUSE is off)."
      : `Advanced hunting ${status.isCaughtUp ? "runs on" : "waits for"} ClickHouse (${status.store}): its copy is ${status.lagSeconds.toFixed(1)} s behind PostgreSQL, ${status.pending.toLocaleString("en")} changes pending${status.isCaughtUp ? "" : `; until it is within ${status.maxLagSeconds} s, PostgreSQL answers`}.${status.lastError ? ` Last error: ${status.lastError}` : ""}`;
  return (
    <section aria-label="Hunting store" className="mt-6 rounded-md border p-4 text-sm">
      <h2 className="mb-1 font-medium">Hunting store</h2>
      <p data-testid="hunting-store-status">{text}</p>
    </section>
  );
}
