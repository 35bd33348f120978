import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { prisma } from "@/server/db";
import { dateFilter } from "@/server/http/list-filters";
import { orderFromSort, skipTake, type TPage } from "@/server/http/pagination";
import type { TAlertListQuery } from "./alerts.schemas";

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
} as const satisfies Prisma.AlertSelect;

type TAlertRow = Prisma.AlertGetPayload<{ select: typeof LIST_FIELDS }>;
export type TAlertListItem = Omit<TAlertRow, "policy"> & { policyName: string };

export async function listAlerts(query: TAlertListQuery, now = new Date()): Promise<TPage<TAlertListItem>> {
  const createdAt = dateFilter(query, now);
  const where: Prisma.AlertWhereInput = {
    ...(query.policy?.length ? { policyId: { in: query.policy } } : {}),
    ...(query.severity?.length ? { severity: { in: query.severity } } : {}),
    ...(query.status?.length ? { status: { in: query.status } } : {}),
    ...(query.user ? { userAddress: { contains: query.user, mode: "insensitive" } } : {}),
    ...(createdAt ? { createdAt } : {}),
  };
  const { field, direction } = orderFromSort(query.sort);
  const [rows, total] = await Promise.all([
    // The id tie-breaker keeps paging stable when many alerts share a severity or status.
    prisma.alert.findMany({ where, select: LIST_FIELDS, orderBy: [{ [field]: direction }, { id: direction }], ...skipTake(query) }),
    prisma.alert.count({ where }),
  ]);
  const items = rows.map(({ policy, ...row }) => ({ ...row, policyName: policy.name }));
  return { items, total, page: query.page, pageSize: query.pageSize };
}

const DETAIL_FIELDS = {
  ...LIST_FIELDS,
  details: true,
  assignee: true,
  updatedAt: true,
  investigation: { select: { id: true, name: true, status: true } },
  restrictedUserId: true,
  restrictedUser: { select: { id: true, address: true, releasedAt: true } },
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
