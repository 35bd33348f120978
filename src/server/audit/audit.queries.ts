import "server-only";
import type { z } from "zod";
import type { Prisma } from "@/generated/prisma/client";
import { prisma } from "@/server/db";
import { orderFromSort, skipTake, ZListQuery } from "@/server/http/pagination";
import { ZDate } from "@/server/http/safe-date";
import { ZFilterText } from "@/server/http/safe-text";

export const ZAuditListQuery = ZListQuery(["at", "action", "actorName"], "-at").extend({
  action: ZFilterText(100),
  actor: ZFilterText(200),
  targetType: ZFilterText(100),
  targetId: ZFilterText(100),
  from: ZDate.optional(),
  to: ZDate.optional(),
});
export type TAuditListQuery = z.infer<typeof ZAuditListQuery>;

export async function listAudit(query: TAuditListQuery) {
  const where: Prisma.AuditLogWhereInput = {
    ...(query.action ? { action: { startsWith: query.action } } : {}),
    ...(query.actor ? { actorName: { contains: query.actor, mode: "insensitive" } } : {}),
    ...(query.targetType ? { targetType: query.targetType } : {}),
    ...(query.targetId ? { targetId: query.targetId } : {}),
    ...(query.from || query.to
      ? { at: { ...(query.from ? { gte: query.from } : {}), ...(query.to ? { lte: query.to } : {}) } }
      : {}),
  };
  const { field, direction } = orderFromSort(query.sort);
  const [rows, total] = await Promise.all([
    prisma.auditLog.findMany({ where, orderBy: [{ [field]: direction }, { id: "desc" }], ...skipTake(query) }),
    prisma.auditLog.count({ where }),
  ]);
  const names = await auditNames(rows);
  // BigInt ids do not survive JSON.
  const items = rows.map((row) => ({
    ...row,
    id: row.id.toString(),
    actorEmail: row.actorType === "user" && row.actorId ? (names.users.get(row.actorId)?.email ?? null) : null,
    targetName: targetName(row, names),
  }));
  return { items, total, page: query.page, pageSize: query.pageSize };
}

type TAuditNames = {
  users: Map<string, { name: string; email: string }>;
  tokens: Map<string, string>;
  webhooks: Map<string, string>;
  restrictedUsers: Map<string, string>;
};

// Ids mean nothing to a reader: the people, tokens, webhooks and restricted users on a page of entries, looked up once by name. A deleted
// one keeps its id (there is no name left to show).
async function auditNames(
  rows: { actorType: string; actorId: string | null; targetType: string; targetId: string | null }[],
): Promise<TAuditNames> {
  const idsOf = (type: string) => [
    ...new Set(rows.filter((row) => row.targetType === type && row.targetId).map((row) => row.targetId as string)),
  ];
  const userIds = [
    ...new Set([
      ...idsOf("user"),
      ...rows.filter((row) => row.actorType === "user" && row.actorId).map((row) => row.actorId as string),
    ]),
  ];
  const restrictionIds = idsOf("restrictedUser")
    .map(Number)
    .filter((id) => Number.isSafeInteger(id) && id > 0 && id <= 2_147_483_647);
  const [users, tokens, webhooks, restrictions] = await Promise.all([
    userIds.length
      ? prisma.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true, email: true } })
      : [],
    idsOf("apiToken").length
      ? prisma.apiToken.findMany({ where: { id: { in: idsOf("apiToken") } }, select: { id: true, name: true } })
      : [],
    idsOf("webhook").length
      ? prisma.webhook.findMany({ where: { id: { in: idsOf("webhook") } }, select: { id: true, name: true } })
      : [],
    restrictionIds.length
      ? prisma.restrictedUser.findMany({ where: { id: { in: restrictionIds } }, select: { id: true, address: true } })
      : [],
  ]);
  return {
    users: new Map(users.map((user) => [user.id, { name: user.name, email: user.email }])),
    tokens: new Map(tokens.map((token) => [token.id, token.name])),
    webhooks: new Map(webhooks.map((webhook) => [webhook.id, webhook.name])),
    restrictedUsers: new Map(restrictions.map((restriction) => [String(restriction.id), restriction.address])),
  };
}

function targetName(
  { targetType, targetId }: { targetType: string; targetId: string | null },
  names: TAuditNames,
): string | null {
  if (!targetId) return null;
  if (targetType === "user") {
    const user = names.users.get(targetId);
    return user ? `${user.name} (${user.email})` : null;
  }
  if (targetType === "apiToken") return names.tokens.get(targetId) ?? null;
  if (targetType === "webhook") return names.webhooks.get(targetId) ?? null;
  if (targetType === "restrictedUser") return names.restrictedUsers.get(targetId) ?? null;
  return null;
}
