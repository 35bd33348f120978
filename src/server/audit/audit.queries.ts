import "server-only";
import { z } from "zod";
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
    ...(query.from || query.to ? { at: { ...(query.from ? { gte: query.from } : {}), ...(query.to ? { lte: query.to } : {}) } } : {}),
  };
  const { field, direction } = orderFromSort(query.sort);
  const [rows, total] = await Promise.all([
    prisma.auditLog.findMany({ where, orderBy: [{ [field]: direction }, { id: "desc" }], ...skipTake(query) }),
    prisma.auditLog.count({ where }),
  ]);
  // BigInt ids do not survive JSON.
  const items = rows.map((row) => ({ ...row, id: row.id.toString() }));
  return { items, total, page: query.page, pageSize: query.pageSize };
}
