import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { writeAudit } from "@/server/audit/write-audit";
import type { TPrincipal } from "@/server/auth/principal";
import { prisma } from "@/server/db";
import { notFound } from "@/server/http/app-error";
import { orderFromSort, skipTake, type TPage } from "@/server/http/pagination";
import { parseIndicatorCsv } from "./parse-indicator-csv";
import type { TImportResult, TIndicatorListQuery, TIndicatorRow } from "./threat-indicators.schemas";

const INDICATOR_FIELDS = {
  id: true,
  kind: true,
  value: true,
  threatType: true,
  source: true,
  description: true,
  actionId: true,
  createdAt: true,
} as const;
export type TThreatIndicator = Prisma.ThreatIndicatorGetPayload<{ select: typeof INDICATOR_FIELDS }>;

// 50,000 rows upsert in a second or two; the default five seconds of an interactive transaction is too close.
const IMPORT_TIMEOUT_MS = 60_000;

/**
 * Imports a CSV of indicators: all rows or none (see parse-indicator-csv.ts). One statement upserts them all, so a
 * re-import of the same feed updates the threat type, description and source in place and never duplicates a row.
 */
export async function importIndicators(
  csvText: string,
  principal: TPrincipal,
  options: { source?: string } = {},
): Promise<TImportResult> {
  const rows = lastOfEach(parseIndicatorCsv(csvText));
  const source = options.source ?? `Import by ${principal.name}`;
  return prisma.$transaction(
    async (tx) => {
      // xmax is 0 on a freshly inserted row version and set on one that an update replaced: created vs updated.
      const [counts] = await tx.$queryRaw<{ created: bigint; updated: bigint }[]>`
        with upserted as (
          insert into "ThreatIndicator" (id, kind, value, "threatType", source, description)
          select gen_random_uuid()::text, r.kind, r.value, r.threat_type, ${source}, r.description
          from unnest(${rows.map((row) => row.kind)}::text[], ${rows.map((row) => row.value)}::text[],
                      ${rows.map((row) => row.threatType)}::text[], ${rows.map((row) => row.description)}::text[]) as r(kind, value, threat_type, description)
          on conflict (kind, value) do update set "threatType" = excluded."threatType", description = excluded.description, source = excluded.source
          returning xmax = 0 as is_created
        )
        select count(*) filter (where is_created) as created, count(*) filter (where not is_created) as updated from upserted`;
      const result = { imported: rows.length, created: Number(counts.created), updated: Number(counts.updated) };
      await writeAudit(
        {
          actor: principal,
          action: "threatIndicators.import",
          targetType: "threatIndicator",
          after: { count: result.imported, created: result.created, updated: result.updated, source },
        },
        tx,
      );
      return result;
    },
    { timeout: IMPORT_TIMEOUT_MS },
  );
}

// The same indicator twice in one file: the later row wins, as it would had the rows been imported one by one
// (and one statement may not update the same row twice).
function lastOfEach(rows: TIndicatorRow[]): TIndicatorRow[] {
  return [...new Map(rows.map((row) => [`${row.kind} ${row.value}`, row])).values()];
}

export async function listIndicators(query: TIndicatorListQuery): Promise<TPage<TThreatIndicator>> {
  const where: Prisma.ThreatIndicatorWhereInput = {
    ...(query.kind?.length ? { kind: { in: query.kind } } : {}),
    ...(query.threatType?.length ? { threatType: { in: query.threatType } } : {}),
    ...(query.q
      ? {
          OR: (["value", "description", "source"] as const).map((field) => ({
            [field]: { contains: query.q, mode: "insensitive" as const },
          })),
        }
      : {}),
  };
  const { field, direction } = orderFromSort(query.sort);
  const [items, total] = await Promise.all([
    prisma.threatIndicator.findMany({
      where,
      select: INDICATOR_FIELDS,
      orderBy: [{ [field]: direction }, { id: "asc" }],
      ...skipTake(query),
    }),
    prisma.threatIndicator.count({ where }),
  ]);
  return { items, total, page: query.page, pageSize: query.pageSize };
}

export async function deleteIndicator(id: string, principal: TPrincipal): Promise<TThreatIndicator> {
  return prisma.$transaction(async (tx) => {
    const indicator = await tx.threatIndicator.findUnique({ where: { id }, select: INDICATOR_FIELDS });
    if (!indicator) throw notFound("The threat indicator");
    await tx.threatIndicator.delete({ where: { id } });
    await writeAudit(
      {
        actor: principal,
        action: "threatIndicator.delete",
        targetType: "threatIndicator",
        targetId: id,
        before: indicator,
      },
      tx,
    );
    return indicator;
  });
}
