import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { REVERSALS } from "@/server/actions/actions.queries";
import { prisma } from "@/server/db";
import { dateFilter, likeContains } from "@/server/http/list-filters";
import { orderFromSort, skipTake, type TPage } from "@/server/http/pagination";
import { listPriorityAddresses } from "@/server/mailboxes/priority-accounts";
import type { TInvestigationListQuery } from "./investigations.schemas";

/** The newest log lines a details answer carries; a run that loops on retries can write thousands. */
export const LOG_LIMIT = 500;

const LIST_FIELDS = {
  id: true,
  name: true,
  playbook: true,
  status: true,
  detectionSource: true,
  users: true,
  createdAt: true,
  updatedAt: true,
  startedAt: true,
  endedAt: true,
  threatCount: true,
  actionCount: true,
} as const satisfies Prisma.InvestigationSelect;

type TInvestigationRow = Prisma.InvestigationGetPayload<{ select: typeof LIST_FIELDS }>;
/** priorityAccounts: which of its users are priority accounts. */
export type TInvestigationListItem = TInvestigationRow & { durationMs: number | null; priorityAccounts: string[] };

/** Run time so far, or in all once ended; null until a worker has picked the run up. */
function durationOf(row: { startedAt: Date | null; endedAt: Date | null }, now: Date): number | null {
  if (!row.startedAt) return null;
  return Math.max(0, (row.endedAt ?? now).getTime() - row.startedAt.getTime());
}

// Prisma can only match a whole array element (`has`); a part of an address needs SQL over the unnested array.
async function idsInvolvingUser(text: string): Promise<number[]> {
  const rows = await prisma.$queryRaw<{ id: number }[]>`
    select id from "Investigation" where exists (select 1 from unnest(users) as u where u ilike ${likeContains(text)})`;
  return rows.map((row) => row.id);
}

export async function listInvestigations(
  query: TInvestigationListQuery,
  now = new Date(),
): Promise<TPage<TInvestigationListItem>> {
  const createdAt = dateFilter(query, now);
  const priority = await listPriorityAddresses();
  const where: Prisma.InvestigationWhereInput = {
    ...(query.status?.length ? { status: { in: query.status } } : {}),
    ...(query.playbook?.length ? { playbook: { in: query.playbook } } : {}),
    ...(query.user ? { id: { in: await idsInvolvingUser(query.user) } } : {}),
    ...(query.priorityAccount === undefined
      ? {}
      : query.priorityAccount
        ? { users: { hasSome: priority } }
        : { NOT: { users: { hasSome: priority } } }),
    ...(createdAt ? { createdAt } : {}),
  };
  const { field, direction } = orderFromSort(query.sort);
  const [rows, total] = await Promise.all([
    prisma.investigation.findMany({
      where,
      select: LIST_FIELDS,
      orderBy: [{ [field]: direction }, { id: direction }],
      ...skipTake(query),
    }),
    prisma.investigation.count({ where }),
  ]);
  const items = rows.map((row) => ({
    ...row,
    durationMs: durationOf(row, now),
    priorityAccounts: row.users.filter((user) => priority.includes(user)),
  }));
  return { items, total, page: query.page, pageSize: query.pageSize };
}

const DETAIL_INCLUDE = {
  steps: { orderBy: { position: "asc" } },
  evidence: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
  clusters: {
    orderBy: { id: "asc" },
    select: {
      id: true,
      kind: true,
      name: true,
      query: true,
      queryText: true,
      verdict: true,
      messageCount: true,
      countsByLocation: true,
      createdAt: true,
    },
  },
  actions: {
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    omit: { dedupKey: true },
    include: { reversals: REVERSALS },
  },
  alerts: {
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      title: true,
      severity: true,
      status: true,
      userAddress: true,
      createdAt: true,
      policy: { select: { name: true } },
    },
  },
} as const satisfies Prisma.InvestigationInclude;

type TInvestigationDetailRow = Prisma.InvestigationGetPayload<{ include: typeof DETAIL_INCLUDE }>;
export type TInvestigationLogLine = { id: string; at: Date; level: string; stepKey: string | null; message: string };
export type TInvestigationDetails = TInvestigationDetailRow & {
  durationMs: number | null;
  /** The newest LOG_LIMIT lines, oldest first, so it reads top to bottom like a log. */
  log: TInvestigationLogLine[];
  logTotal: number;
};

/** One run with its steps, log, evidence, clusters, actions and alerts; null when there is no such run. */
export async function getInvestigation(id: number, now = new Date()): Promise<TInvestigationDetails | null> {
  const [row, newestFirst, logTotal] = await Promise.all([
    prisma.investigation.findUnique({ where: { id }, include: DETAIL_INCLUDE }),
    prisma.investigationLog.findMany({
      where: { investigationId: id },
      orderBy: [{ at: "desc" }, { id: "desc" }],
      take: LOG_LIMIT,
    }),
    prisma.investigationLog.count({ where: { investigationId: id } }),
  ]);
  if (!row) return null;
  // BigInt ids do not survive JSON.
  const log = newestFirst.reverse().map(({ investigationId: _, ...line }) => ({ ...line, id: line.id.toString() }));
  return { ...row, durationMs: durationOf(row, now), log, logTotal };
}
