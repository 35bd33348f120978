import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import type { TIdentityEventOf } from "./ingestion.schemas";

// One mailbox-configuration change at a time. Each is idempotent: re-sending an event that is already true
// changes nothing and reports "unchanged", so a retried batch is harmless.

type Tx = Prisma.TransactionClient;
export type ConfigEvent = TIdentityEventOf<
  "inboxRule" | "forwarding" | "mfaMethod" | "appConsent" | "roleAssignment" | "session"
>;
export type ConfigOutcome = "applied" | "unchanged";

export class ConfigConflict extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

export async function applyMailboxConfig(tx: Tx, event: ConfigEvent, mailboxId: string): Promise<ConfigOutcome> {
  switch (event.type) {
    case "inboxRule":
      return applyInboxRule(tx, event, mailboxId);
    case "forwarding":
      return applyForwarding(tx, event, mailboxId);
    case "mfaMethod":
      return applyMfaMethod(tx, event, mailboxId);
    case "appConsent":
      return applyAppConsent(tx, event, mailboxId);
    case "roleAssignment":
      return applyRoleAssignment(tx, event, mailboxId);
    case "session":
      return applySession(tx, event, mailboxId);
  }
}

async function applyInboxRule(tx: Tx, event: TIdentityEventOf<"inboxRule">, mailboxId: string): Promise<ConfigOutcome> {
  const { type: _type, operation: _operation, mailbox: _mailbox, name, createdAt, conditions, ...fields } = event;
  const wanted = { ...fields, conditions: conditions as Prisma.InputJsonValue | undefined };
  const existing = await tx.inboxRule.findFirst({ where: { mailboxId, name }, orderBy: { createdAt: "asc" } });
  if (!existing) {
    await tx.inboxRule.create({
      data: { ...definedOnly(wanted), mailboxId, name, createdAt: dateOrUndefined(createdAt) },
    });
    return "applied";
  }
  const changed = changedFields(existing, wanted);
  if (!changed) return "unchanged";
  await tx.inboxRule.update({ where: { id: existing.id }, data: changed });
  return "applied";
}

async function applyForwarding(
  tx: Tx,
  event: TIdentityEventOf<"forwarding">,
  mailboxId: string,
): Promise<ConfigOutcome> {
  const existing = await tx.mailbox.findUniqueOrThrow({ where: { id: mailboxId } });
  const wanted =
    event.operation === "set"
      ? {
          forwardingSmtpAddress: event.forwardingSmtpAddress ?? null,
          deliverToMailboxAndForward: event.deliverToMailboxAndForward,
        }
      : { forwardingSmtpAddress: null, deliverToMailboxAndForward: false };
  const changed = changedFields(existing, wanted);
  if (!changed) return "unchanged";
  await tx.mailbox.update({ where: { id: mailboxId }, data: changed });
  return "applied";
}

async function applyMfaMethod(tx: Tx, event: TIdentityEventOf<"mfaMethod">, mailboxId: string): Promise<ConfigOutcome> {
  const where = { mailboxId, type: event.method, detail: event.detail, isRemoved: false };
  if (await tx.mfaMethod.findFirst({ where, select: { id: true } })) return "unchanged";
  await tx.mfaMethod.create({
    data: { mailboxId, type: event.method, detail: event.detail, addedAt: dateOrUndefined(event.addedAt) },
  });
  return "applied";
}

async function applyAppConsent(
  tx: Tx,
  event: TIdentityEventOf<"appConsent">,
  mailboxId: string,
): Promise<ConfigOutcome> {
  const existing = await tx.appConsent.findFirst({ where: { mailboxId, appId: event.appId, revokedAt: null } });
  const wanted = { appName: event.appName, publisher: event.publisher ?? null, scopes: event.scopes };
  if (!existing) {
    await tx.appConsent.create({
      data: { ...wanted, mailboxId, appId: event.appId, consentedAt: dateOrUndefined(event.consentedAt) },
    });
    return "applied";
  }
  const changed = changedFields(existing, wanted);
  if (!changed) return "unchanged";
  await tx.appConsent.update({ where: { id: existing.id }, data: changed });
  return "applied";
}

async function applyRoleAssignment(
  tx: Tx,
  event: TIdentityEventOf<"roleAssignment">,
  mailboxId: string,
): Promise<ConfigOutcome> {
  const where = { mailboxId, role: event.role, removedAt: null };
  if (await tx.roleAssignment.findFirst({ where, select: { id: true } })) return "unchanged";
  await tx.roleAssignment.create({
    data: { mailboxId, role: event.role, assignedAt: dateOrUndefined(event.assignedAt) },
  });
  return "applied";
}

async function applySession(tx: Tx, event: TIdentityEventOf<"session">, mailboxId: string): Promise<ConfigOutcome> {
  const existing = await tx.userSession.findUnique({ where: { id: event.sessionId } });
  const wanted = {
    ipAddress: event.ipAddress,
    country: event.country,
    client: event.client,
    lastSeenAt: dateOrUndefined(event.lastSeenAt),
  };
  if (!existing) {
    await tx.userSession.create({
      data: { ...definedOnly(wanted), id: event.sessionId, mailboxId, createdAt: dateOrUndefined(event.createdAt) },
    });
    return "applied";
  }
  if (existing.mailboxId !== mailboxId)
    throw new ConfigConflict("sessionId", `session ${event.sessionId} belongs to another mailbox`);
  const changed = changedFields(existing, wanted);
  if (!changed) return "unchanged";
  await tx.userSession.update({ where: { id: existing.id }, data: changed });
  return "applied";
}

/** The wanted values that differ from the stored ones (undefined means "leave as is"), or null when none do. */
function changedFields<W extends object>(current: object, wanted: W): Partial<W> | null {
  const stored = current as Record<string, unknown>;
  const entries = Object.entries(wanted).filter(
    ([key, value]) => value !== undefined && !sameValue(stored[key], value),
  );
  return entries.length ? (Object.fromEntries(entries) as Partial<W>) : null;
}

function sameValue(current: unknown, wanted: unknown): boolean {
  if (current instanceof Date && wanted instanceof Date) return current.getTime() === wanted.getTime();
  if (typeof current === "object" || typeof wanted === "object")
    return canonicalJson(current) === canonicalJson(wanted);
  return current === wanted;
}

// jsonb does not keep key order, so compare objects with their keys sorted.
const canonicalJson = (value: unknown): string =>
  JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === "object" && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );

const definedOnly = <T extends object>(value: T) =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
const dateOrUndefined = (timestamp: string | undefined) => (timestamp ? new Date(timestamp) : undefined);
