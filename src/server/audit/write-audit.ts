import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import type { TPrincipal } from "@/server/auth/principal";
import { prisma } from "@/server/db";

export type TAuditEntry = {
  actor: TPrincipal;
  action: string;
  targetType: string;
  targetId?: string | number | null;
  before?: unknown;
  after?: unknown;
  ip?: string | null;
};

type TAuditClient = Pick<Prisma.TransactionClient, "auditLog">;

/** Records who did what to what. Pass the transaction client so the entry commits or rolls back with the change. */
export async function writeAudit(entry: TAuditEntry, db: TAuditClient = prisma): Promise<void> {
  await db.auditLog.create({ data: toRow(entry) });
}

/** Many entries in one statement (a bulk change audits each of its targets). */
export async function writeAudits(entries: TAuditEntry[], db: TAuditClient = prisma): Promise<void> {
  if (entries.length) await db.auditLog.createMany({ data: entries.map(toRow) });
}

function toRow(entry: TAuditEntry) {
  return {
    actorType: entry.actor.kind,
    actorId: entry.actor.id,
    actorName: entry.actor.name,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId == null ? null : String(entry.targetId),
    before: toJson(entry.before),
    after: toJson(entry.after),
    ip: entry.ip ?? null,
  };
}

function toJson(value: unknown): Prisma.InputJsonValue | undefined {
  return value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue);
}
