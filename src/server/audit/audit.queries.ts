import "server-only";
import { z } from "zod";
import type { Prisma } from "@/generated/prisma/client";
import { prisma } from "@/server/db";
import { orderFromSort, skipTake, ZListQuery } from "@/server/http/pagination";

export const ZAuditListQuery = ZListQuery(["at", "action", "actorName"], "-at").extend({
  action: z.string().trim().max(100).optional(),
  actor: z.string().trim().max(200).optional(),
  targetType: z.string().trim().max(100).optional(),
  targetId: z.string().trim().max(100).optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
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
