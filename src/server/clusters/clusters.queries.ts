import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { REVERSALS } from "@/server/actions/actions.queries";
import { prisma } from "@/server/db";
import { notFound } from "@/server/http/app-error";
import { likeContains } from "@/server/http/list-filters";
import { orderFromSort, skipTake, type TPage } from "@/server/http/pagination";
import type { TClusterMessagesQuery } from "./clusters.schemas";

const CLUSTER_FIELDS = {
  id: true,
  kind: true,
  name: true,
  queryText: true,
  query: true,
  verdict: true,
  messageCount: true,
  createdAt: true,
  investigationId: true,
  investigation: { select: { name: true } },
  actions: {
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      type: true,
      status: true,
      source: true,
      decidedBy: true,
      decidedByName: true,
      decidedAt: true,
      executedAt: true,
      successCount: true,
      alreadyCount: true,
      failedCount: true,
      revertOfId: true,
      reversals: REVERSALS,
    },
  },
} as const satisfies Prisma.EmailClusterSelect;

export type TClusterDetails = Prisma.EmailClusterGetPayload<{ select: typeof CLUSTER_FIELDS }> & {
  countsByLocation: Record<string, number>;
};

export type TClusterMessage = {
  id: string;
  timestamp: Date;
  networkMessageId: string;
  recipientEmailAddress: string;
  senderFromAddress: string;
  subject: string;
  latestDeliveryLocation: string;
  deliveryAction: string;
  additionalActions: string[];
  /** What the cluster's latest action did to this copy on a real mail system (Success, Failed, AlreadyInDestination). */
  result: string | null;
  resultReason: string | null;
};

/**
 * One cluster with its actions. The counts by location are counted now rather than read from the cluster row: that
 * row holds them as they were when hunting made the cluster, and remediation (or its revert) has moved messages since.
 */
export async function getCluster(id: number): Promise<TClusterDetails> {
  const [cluster, counts] = await Promise.all([
    prisma.emailCluster.findUnique({ where: { id }, select: CLUSTER_FIELDS }),
    countClusterByLocation(id),
  ]);
  if (!cluster) throw notFound("The cluster");
  return { ...cluster, countsByLocation: counts };
}

/** Where a cluster's copies are now, by Threat Explorer's latest delivery location; most first. */
export async function countClusterByLocation(
  id: number,
  db: Prisma.TransactionClient = prisma,
): Promise<Record<string, number>> {
  const counts = await db.$queryRaw<{ location: string; count: number }[]>`
    select e."latestDeliveryLocation" as location, count(*)::int as count
    from "EmailClusterMember" m join "EmailEvent" e on e.id = m."emailEventId"
    where m."clusterId" = ${id}
    group by 1 order by 2 desc, 1`;
  return Object.fromEntries(counts.map((row) => [row.location, row.count]));
}

function messagesWhere(id: number, query: TClusterMessagesQuery): Prisma.Sql {
  const conditions = [Prisma.sql`m."clusterId" = ${id}`];
  // `?location=` is an empty list: no filter, as on every list (an empty `in ()` is not even SQL).
  if (query.location?.length)
    conditions.push(Prisma.sql`e."latestDeliveryLocation" in (${Prisma.join(query.location)})`);
  if (query.q) {
    const pattern = likeContains(query.q);
    conditions.push(Prisma.sql`(e."recipientEmailAddress" ilike ${pattern} or e."subject" ilike ${pattern})`);
  }
  return Prisma.join(conditions, " and ");
}

/** A page of a cluster's messages (one row per recipient), newest first by default. */
export async function listClusterMessages(id: number, query: TClusterMessagesQuery): Promise<TPage<TClusterMessage>> {
  const where = messagesWhere(id, query);
  const direction = Prisma.raw(orderFromSort(query.sort).direction);
  const { skip, take } = skipTake(query);
  const [cluster, items, counted] = await Promise.all([
    prisma.emailCluster.findUnique({ where: { id }, select: { id: true } }),
    prisma.$queryRaw<TClusterMessage[]>`
      select e.id::text as id, e."timestamp", e."networkMessageId"::text as "networkMessageId", e."recipientEmailAddress",
        e."senderFromAddress", e.subject, e."latestDeliveryLocation", e."deliveryAction", e."additionalActions",
        r.result, r.reason as "resultReason"
      from "EmailClusterMember" m join "EmailEvent" e on e.id = m."emailEventId"
      left join lateral (
        select result, reason from "EmailActionResult"
        where "emailEventId" = e.id and "actionId" in (select a.id from "Action" a where a."clusterId" = ${id})
        order by "updatedAt" desc limit 1
      ) r on true
      where ${where}
      order by e."timestamp" ${direction}, e.id ${direction}
      limit ${take} offset ${skip}`,
    // Members are keyed by cluster first, so this counts one cluster's rows, never the whole table.
    prisma.$queryRaw<{ count: number }[]>`
      select count(*)::int as count from "EmailClusterMember" m join "EmailEvent" e on e.id = m."emailEventId" where ${where}`,
  ]);
  if (!cluster) throw notFound("The cluster");
  return { items, total: counted[0]?.count ?? 0, page: query.page, pageSize: query.pageSize };
}
