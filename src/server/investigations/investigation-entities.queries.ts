import "server-only";
import { z } from "zod";
import { Prisma } from "@/generated/prisma/client";
import type { Verdict } from "@/generated/prisma/enums";
import { prisma } from "@/server/db";
import { skipTake, type TPage } from "@/server/http/pagination";
import { ZListQuery } from "@/server/http/pagination";
import { buildInvestigationGraph, MAX_PER_GROUP, type TInvestigationGraph } from "./build-investigation-graph";

// What the Investigation graph and Entities tabs read: the run's evidence (every entity it looked at, with a verdict)
// and its email clusters, read so that a run with thousands of them stays one bounded query.

/** Evidence rows of one kind the graph reads: a few more than it shows, so each mailbox can have its own findings. */
const GRAPH_ROWS_PER_KIND = MAX_PER_GROUP * 8;
const GRAPH_ACTIONS = 200;

/** The graph of one run; null when there is no such run. */
export async function getInvestigationGraph(id: number): Promise<TInvestigationGraph | null> {
  const investigation = await prisma.investigation.findUnique({
    where: { id },
    select: { id: true, name: true, status: true, playbook: true, users: true },
  });
  if (!investigation) return null;
  const [alerts, evidence, totals, clusters, actions] = await Promise.all([
    prisma.alert.findMany({
      where: { investigationId: id },
      select: { id: true, title: true, severity: true },
      orderBy: { id: "asc" },
      take: MAX_PER_GROUP + 1,
    }),
    prisma.$queryRaw<{ kind: string; entity: string; verdict: Verdict }[]>`
      select kind, entity, verdict from (
        select kind, entity, verdict, row_number() over (partition by kind order by ${VERDICT_RANK}, "createdAt", id) as n
        from "Evidence" where "investigationId" = ${id}) ranked
      where n <= ${GRAPH_ROWS_PER_KIND}`,
    prisma.evidence.groupBy({ by: ["kind"], where: { investigationId: id }, _count: { _all: true } }),
    prisma.emailCluster.findMany({
      where: { investigationId: id },
      select: { id: true, name: true, verdict: true, messageCount: true },
      orderBy: { id: "asc" },
    }),
    prisma.action.findMany({
      where: { investigationId: id },
      select: { id: true, type: true, status: true, entity: true, clusterId: true },
      orderBy: { id: "asc" },
      take: GRAPH_ACTIONS,
    }),
  ]);
  const alertTotal =
    alerts.length > MAX_PER_GROUP ? await prisma.alert.count({ where: { investigationId: id } }) : alerts.length;
  const addresses = [
    ...new Set(
      [...investigation.users, ...evidence.filter((item) => item.kind === "mailbox").map((item) => item.entity)].map(
        (address) => address.toLowerCase(),
      ),
    ),
  ];
  const [mailboxes, restricted] = await Promise.all([
    prisma.mailbox.findMany({ where: { address: { in: addresses } }, select: { address: true } }),
    prisma.restrictedUser.findMany({
      where: { address: { in: addresses }, releasedAt: null },
      select: { address: true },
    }),
  ]);
  return buildInvestigationGraph({
    investigation,
    alerts,
    alertTotal,
    evidence,
    evidenceTotals: Object.fromEntries(totals.map((row) => [row.kind, row._count._all])),
    clusters,
    actions,
    mailboxes: mailboxes.map((row) => row.address),
    restricted: restricted.map((row) => row.address),
  });
}

// Malicious first, then suspicious, unknown, clean: what needs a look comes first.
const VERDICT_RANK = Prisma.sql`case verdict when 'Malicious' then 0 when 'Suspicious' then 1 when 'Unknown' then 2 else 3 end`;

export const ZInvestigationEntitiesQuery = ZListQuery(["verdict", "kind", "entity"], "verdict").extend({
  kind: z
    .string()
    .trim()
    .max(40)
    .regex(/^[A-Za-z]+$/, { error: "must be letters only, e.g. url" })
    .optional(),
});
export type TInvestigationEntitiesQuery = z.infer<typeof ZInvestigationEntitiesQuery>;

export type TInvestigationEntity = {
  kind: string;
  entity: string;
  verdict: Verdict;
  /** The step that found it; null for a cluster. */
  stepKey: string | null;
  clusterId: number | null;
  messageCount: number | null;
  createdAt: Date;
};

export type TInvestigationEntities = TPage<TInvestigationEntity> & { kinds: { kind: string; count: number }[] };

const ENTITY_ORDER: Record<string, (direction: Prisma.Sql) => Prisma.Sql> = {
  verdict: (direction) => Prisma.sql`verdict_rank ${direction}, kind, entity`,
  kind: (direction) => Prisma.sql`kind ${direction}, verdict_rank, entity`,
  entity: (direction) => Prisma.sql`entity ${direction}, kind`,
};

/** Every entity of a run with its verdict: its evidence and its email clusters, a page at a time; null when no run. */
export async function listInvestigationEntities(
  id: number,
  query: TInvestigationEntitiesQuery,
): Promise<TInvestigationEntities | null> {
  const exists = await prisma.investigation.count({ where: { id } });
  if (!exists) return null;
  const entities = Prisma.sql`
    select kind, entity, verdict::text as verdict, "stepKey", null::int as "clusterId", null::int as "messageCount", "createdAt", ${VERDICT_RANK} as verdict_rank
    from "Evidence" where "investigationId" = ${id} and kind <> 'emailCluster'
    union all
    select 'emailCluster', name, verdict::text, null, id, "messageCount", "createdAt", ${VERDICT_RANK}
    from "EmailCluster" where "investigationId" = ${id}`;
  const kindFilter = query.kind ? Prisma.sql`where kind = ${query.kind}` : Prisma.empty;
  const order = ENTITY_ORDER[query.sort.replace(/^-/, "")](
    query.sort.startsWith("-") ? Prisma.sql`desc` : Prisma.sql`asc`,
  );
  const { skip, take } = skipTake(query);
  const [items, kinds] = await Promise.all([
    prisma.$queryRaw<(TInvestigationEntity & { verdict_rank: number })[]>`
      select * from (${entities}) e ${kindFilter}
      order by ${order}, "createdAt", entity limit ${take} offset ${skip}`,
    prisma.$queryRaw<
      { kind: string; count: bigint }[]
    >`select kind, count(*) as count from (${entities}) e group by kind order by kind`,
  ]);
  const counts = kinds.map((row) => ({ kind: row.kind, count: Number(row.count) }));
  const total = query.kind
    ? (counts.find((row) => row.kind === query.kind)?.count ?? 0)
    : counts.reduce((sum, row) => sum + row.count, 0);
  return {
    items: items.map(({ verdict_rank: _, ...item }) => item),
    total,
    page: query.page,
    pageSize: query.pageSize,
    kinds: counts,
  };
}
