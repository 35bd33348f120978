import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { prisma } from "@/server/db";
import type { TPrincipal } from "@/server/auth/principal";
import { dateFilter } from "@/server/http/list-filters";
import { orderFromSort, skipTake, type TPage } from "@/server/http/pagination";
import { listPriorityAddresses } from "@/server/mailboxes/priority-accounts";
import type { TAlertListQuery } from "./alerts.schemas";
import type { TTriageChanges } from "./triage-diff";

const LIST_FIELDS = {
  id: true,
  title: true,
  severity: true,
  status: true,
  category: true,
  policyId: true,
  policy: { select: { name: true } },
  userAddress: true,
  detectionSource: true,
  eventCount: true,
  firstActivity: true,
  lastActivity: true,
  createdAt: true,
  investigationId: true,
  assignee: { select: { id: true, name: true, email: true } },
  classification: true,
  determination: true,
} as const satisfies Prisma.AlertSelect;

type TAlertRow = Prisma.AlertGetPayload<{ select: typeof LIST_FIELDS }>;
export type TAlertListItem = Omit<TAlertRow, "policy"> & { policyName: string; isPriorityAccount: boolean };

/** `viewer` is who `assignee=me` means; a token or the system has no alerts of its own. */
export async function listAlerts(
  query: TAlertListQuery,
  viewer: TPrincipal | null,
  now = new Date(),
): Promise<TPage<TAlertListItem>> {
  const createdAt = dateFilter(query, now);
  const priority = await listPriorityAddresses();
  const where: Prisma.AlertWhereInput = {
    ...(query.policy?.length ? { policyId: { in: query.policy } } : {}),
    ...(query.severity?.length ? { severity: { in: query.severity } } : {}),
    ...(query.status?.length ? { status: { in: query.status } } : {}),
    AND: [
      ...(query.assignee?.length ? [{ OR: assigneeFilter(query.assignee, viewer) }] : []),
      ...(query.classification?.length ? [{ OR: classificationFilter(query.classification) }] : []),
      ...(query.priorityAccount === undefined
        ? []
        : [
            query.priorityAccount
              ? { userAddress: { in: priority } }
              : { OR: [{ userAddress: null }, { userAddress: { notIn: priority } }] },
          ]),
    ],
    ...(query.user ? { userAddress: { contains: query.user, mode: "insensitive" } } : {}),
    ...(createdAt ? { createdAt } : {}),
  };
  const { field, direction } = orderFromSort(query.sort);
  const [rows, total] = await Promise.all([
    // The id tie-breaker keeps paging stable when many alerts share a severity or status.
    prisma.alert.findMany({
      where,
      select: LIST_FIELDS,
      orderBy: [{ [field]: direction }, { id: direction }],
      ...skipTake(query),
    }),
    prisma.alert.count({ where }),
  ]);
  const items = rows.map(({ policy, ...row }) => ({
    ...row,
    policyName: policy.name,
    isPriorityAccount: row.userAddress !== null && priority.includes(row.userAddress),
  }));
  return { items, total, page: query.page, pageSize: query.pageSize };
}

// Each filter is an OR of its values ("me or unassigned"); `in: []` matches nothing, as `me` does for a token.
function assigneeFilter(values: string[], viewer: TPrincipal | null): Prisma.AlertWhereInput[] {
  const ids = values.flatMap((value) =>
    value === "me" ? (viewer?.kind === "user" && viewer.id ? [viewer.id] : []) : value === "unassigned" ? [] : [value],
  );
  return [{ assigneeId: { in: ids } }, ...(values.includes("unassigned") ? [{ assigneeId: null }] : [])];
}

function classificationFilter(values: NonNullable<TAlertListQuery["classification"]>): Prisma.AlertWhereInput[] {
  const classified = values.filter((value) => value !== "Unclassified");
  return [
    ...(classified.length ? [{ classification: { in: classified } }] : []),
    ...(values.includes("Unclassified") ? [{ classification: null }] : []),
  ];
}

const DETAIL_FIELDS = {
  ...LIST_FIELDS,
  details: true,
  resolvedAt: true,
  version: true,
  updatedAt: true,
  investigation: { select: { id: true, name: true, status: true } },
  restrictedUserId: true,
  restrictedUser: { select: { id: true, address: true, releasedAt: true } },
  // An alert a custom detection rule raised names the rule and links to its query.
  detectionRule: { select: { id: true, name: true, query: true } },
} as const satisfies Prisma.AlertSelect;

type TAlertDetailRow = Prisma.AlertGetPayload<{ select: typeof DETAIL_FIELDS }>;
export type TAlertDetails = Omit<TAlertDetailRow, "policy"> & { policyName: string };

/** One alert with what its page links to; null when there is no such alert. */
export async function getAlert(id: number): Promise<TAlertDetails | null> {
  const row = await prisma.alert.findUnique({ where: { id }, select: DETAIL_FIELDS });
  if (!row) return null;
  const { policy, ...alert } = row;
  return { ...alert, policyName: policy.name };
}

export const ALERT_POLICY_FIELDS = {
  id: true,
  name: true,
  description: true,
  category: true,
  severity: true,
  isEnabled: true,
  settings: true,
  updatedAt: true,
} as const satisfies Prisma.AlertPolicySelect;

export type TAlertPolicy = Prisma.AlertPolicyGetPayload<{ select: typeof ALERT_POLICY_FIELDS }>;

/** The policies, for the Alerts page's policy filter and Settings › Alert policies. */
export async function listAlertPolicies(): Promise<TAlertPolicy[]> {
  return prisma.alertPolicy.findMany({ select: ALERT_POLICY_FIELDS, orderBy: { name: "asc" } });
}

export type TAlertHistoryEntry = {
  id: string;
  at: Date;
  actorType: string;
  actorName: string;
  changes: TTriageChanges;
  comment: string | null;
};

/** The alert's comments and history, newest first; null when there is no such alert. */
export async function getAlertHistory(
  alertId: number,
  { page, pageSize }: { page: number; pageSize: number },
): Promise<TPage<TAlertHistoryEntry> | null> {
  const [alert, rows, total] = await Promise.all([
    prisma.alert.findUnique({ where: { id: alertId }, select: { id: true } }),
    prisma.alertHistory.findMany({
      where: { alertId },
      orderBy: [{ at: "desc" }, { id: "desc" }],
      skip: (page - 1) * pageSize,
      take: pageSize,
    }),
    prisma.alertHistory.count({ where: { alertId } }),
  ]);
  if (!alert) return null;
  // BigInt ids do not survive JSON.
  const items = rows.map(({ id, alertId: _alertId, actorId: _actorId, changes, ...row }) => ({
    ...row,
    id: id.toString(),
    changes: changes as TTriageChanges,
  }));
  return { items, total, page, pageSize };
}

export type TAssignee = { id: string; name: string; email: string };

/** Who an alert can be assigned to: everyone who can sign in, by name. */
export async function listAssignees(): Promise<TAssignee[]> {
  return prisma.user.findMany({
    where: { isDisabled: false },
    select: { id: true, name: true, email: true },
    orderBy: [{ name: "asc" }, { email: "asc" }],
  });
}
