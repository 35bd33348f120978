import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { ACTION_TYPE_LABELS } from "@/lib/labels";
import type { TCanaryReport } from "@/server/connectors/run-with-canary";
import { prisma } from "@/server/db";
import { dateFilter } from "@/server/http/list-filters";
import { orderFromSort, skipTake, type TPage } from "@/server/http/pagination";
import { actionIdsInvolvingPriority } from "@/server/mailboxes/priority-accounts";
import { getAutomationSettings } from "@/server/settings/automation-settings.service";
import type { TActionListQuery } from "./actions.schemas";
import { pendingExpiresAt, pendingReason, type TPendingReason } from "./pending-reason";
import type { TActionPreview } from "./preview-action";

/** Who moved an action's copies back, and how many of them: its own revert, or an overlapping cluster's. */
export const REVERSALS = {
  select: { revertId: true, copies: true, ofCopies: true, revert: { select: { type: true } } },
  orderBy: { revertId: "asc" },
} as const satisfies Prisma.Action$reversalsArgs;

const LIST_FIELDS = {
  id: true,
  type: true,
  entity: true,
  source: true,
  status: true,
  decidedBy: true,
  decidedByName: true,
  decidedAt: true,
  comment: true,
  decisionPreview: true,
  canary: true,
  firstApprovedById: true,
  firstApprovedByName: true,
  firstApprovedAt: true,
  createdAt: true,
  executedAt: true,
  successCount: true,
  alreadyCount: true,
  failedCount: true,
  investigationId: true,
  investigation: { select: { name: true } },
  clusterId: true,
  cluster: { select: { name: true, kind: true, messageCount: true } },
  // "Reverts #12" on a Move to Inbox, "Reverted by #14 (Move to Inbox)" on what it undid.
  revertOfId: true,
  reverts: { select: { id: true, type: true, status: true }, orderBy: { id: "asc" } },
  // "Partially reverted by #14 (Move to Inbox): 2 of 5 messages", also when #14 undid an overlapping cluster.
  reversals: REVERSALS,
} as const satisfies Prisma.ActionSelect;

// The preview and the canary report are stored as JSON; only decideAction (and a retry, the canary) writes them. A pending action also says why
// automation left it and when it expires; decided ones carry nulls.
export type TActionListItem = Omit<
  Prisma.ActionGetPayload<{ select: typeof LIST_FIELDS }>,
  "decisionPreview" | "canary"
> & {
  decisionPreview: TActionPreview | null;
  canary: TCanaryReport | null;
  pendingReason: TPendingReason | null;
  expiresAt: Date | null;
  /** An identity action on a priority account, or an email action with a copy delivered to one. */
  involvesPriorityAccount: boolean;
};

const DECIDED_BY = { automation: "Automation", user: "User" } as const;

export async function listActions(query: TActionListQuery, now = new Date()): Promise<TPage<TActionListItem>> {
  const createdAt = dateFilter(query, now);
  const where: Prisma.ActionWhereInput = {
    AND: [
      query.view === "pending" ? { status: "Pending" } : { status: { not: "Pending" } },
      query.status?.length ? { status: { in: query.status } } : {},
      query.decidedBy ? { decidedBy: DECIDED_BY[query.decidedBy] } : {},
      query.source?.length ? { source: { in: query.source } } : {},
      query.type?.length ? { type: { in: query.type } } : {},
      query.investigation ? { investigationId: query.investigation } : {},
      query.priorityAccount === undefined
        ? {}
        : { id: { [query.priorityAccount ? "in" : "notIn"]: await actionIdsInvolvingPriority(null) } },
      createdAt ? { createdAt } : {},
    ],
  };
  const { field: sortField, direction } = orderFromSort(query.sort);
  const field = sortField === "expiresAt" ? "createdAt" : sortField;
  // Every action on History has a decision time (Pending ones have none to sort by), so a plain order suffices and
  // reads the (decidedAt, id) index backwards instead of sorting the whole history.
  const [rows, total, settings] = await Promise.all([
    prisma.action.findMany({
      where,
      select: LIST_FIELDS,
      orderBy: [{ [field]: direction }, { id: direction }],
      ...skipTake(query),
    }),
    prisma.action.count({ where }),
    getAutomationSettings(),
  ]);
  const priority = new Set(await actionIdsInvolvingPriority(rows.map((row) => row.id)));
  const items = rows.map((row) => ({
    ...row,
    involvesPriorityAccount: priority.has(row.id),
    decisionPreview: row.decisionPreview as TActionPreview | null,
    canary: row.canary as TCanaryReport | null,
    ...(row.status === "Pending"
      ? {
          pendingReason: pendingReason(row, settings),
          expiresAt: pendingExpiresAt(row.createdAt, settings.pendingExpiryDays),
        }
      : { pendingReason: null, expiresAt: null }),
  }));
  return { items, total, page: query.page, pageSize: query.pageSize };
}

/** The types to offer in the type filter: the known remedies and any other type already stored. */
export async function listActionTypes(): Promise<string[]> {
  const stored = await prisma.action.groupBy({ by: ["type"] });
  const known = Object.keys(ACTION_TYPE_LABELS);
  return [
    ...known,
    ...stored
      .map((row) => row.type)
      .filter((type) => !known.includes(type))
      .sort(),
  ];
}

/** For the Pending tab's badge; narrowed to one investigation when the list is. */
export async function countPendingActions(investigationId?: number): Promise<number> {
  return prisma.action.count({ where: { status: "Pending", ...(investigationId ? { investigationId } : {}) } });
}
