import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { HUNTING_TABLES, type THuntingTable } from "@/lib/hunting-schema";
import { prisma } from "@/server/db";

export type THuntingTableInfo = THuntingTable & {
  /** The planner's estimate: instant at any size, where count(*) would scan millions of rows. */
  approximateRowCount: number;
};

/** The hunting tables with their columns and approximate sizes, from one catalogue query. */
export async function getHuntingSchema(): Promise<{ tables: THuntingTableInfo[] }> {
  const models = HUNTING_TABLES.map((table) => table.model);
  // reltuples is -1 until a table's first ANALYZE; the statistics collector's live-row count covers that gap.
  const rows = await prisma.$queryRaw<{ relname: string; estimate: number }[]>`
    select c.relname, (case when c.reltuples >= 0 then c.reltuples else coalesce(s.n_live_tup, 0) end)::float8 as "estimate"
    from pg_class c
    join pg_namespace n on n.oid = c.relnamespace
    left join pg_stat_user_tables s on s.relid = c.oid
    where n.nspname = current_schema() and c.relkind in ('r', 'p') and c.relname in (${Prisma.join(models)})`;
  const estimates = new Map(rows.map((row) => [row.relname, Math.max(0, Math.round(row.estimate))]));
  return {
    tables: HUNTING_TABLES.map((table) => ({ ...table, approximateRowCount: estimates.get(table.model) ?? 0 })),
  };
}
