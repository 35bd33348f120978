import "server-only";
import { createHash } from "node:crypto";
import { z } from "zod";
import { prisma } from "@/server/db";
import { applyMailboxConfig, ConfigConflict, type ConfigEvent, type ConfigOutcome } from "./apply-mailbox-config";
import { jsonRowsInsertSql, toJsonRows, type Column } from "./columnar-insert";
import {
  ZIdentityEventBatch,
  type TIdentityEvent,
  type TIdentityEventInput,
  type TIdentityEventOf,
  type TIdentityEventType,
} from "./ingestion.schemas";

export type IdentityEventCounts = { applied: number; unchanged: number };

export type IngestIdentityEventsResult = {
  received: number;
  /** Per event type: rows written or changed, and events that were already true (sign-ins already stored). */
  byType: Record<TIdentityEventType, IdentityEventCounts>;
};

type SignIn = TIdentityEventOf<"signIn">;
type MailboxEvent = TIdentityEventOf<"mailbox">;

const SIGN_IN_BATCH_SIZE = 5_000;

// A sign-in has no id of its own in most sources, so its ReportId is a hash of what makes it this sign-in.
const signInReportId = (s: SignIn) =>
  createHash("sha1")
    .update(`${s.accountUpn}|${new Date(s.timestamp).toISOString()}|${s.ipAddress}|${s.application}|${s.actionType}`)
    .digest("hex");

const SIGN_IN_COLUMNS: readonly Column<SignIn>[] = [
  { name: "timestamp", type: "timestamp(3)", value: (s) => new Date(s.timestamp).toISOString() },
  { name: "actionType", type: "text", value: (s) => s.actionType },
  { name: "application", type: "text", value: (s) => s.application },
  { name: "logonType", type: "text", value: (s) => s.logonType },
  { name: "protocol", type: "text", value: (s) => s.protocol },
  { name: "failureReason", type: "text", value: (s) => s.failureReason ?? null },
  { name: "accountUpn", type: "text", value: (s) => s.accountUpn },
  { name: "accountDisplayName", type: "text", value: (s) => s.accountDisplayName },
  { name: "deviceName", type: "text", value: (s) => s.deviceName ?? null },
  { name: "ipAddress", type: "text", value: (s) => s.ipAddress },
  { name: "countryCode", type: "text", value: (s) => s.countryCode },
  { name: "city", type: "text", value: (s) => s.city ?? null },
  { name: "isp", type: "text", value: (s) => s.isp ?? null },
  { name: "reportId", type: "text", value: signInReportId },
];
const INSERT_SIGN_INS = jsonRowsInsertSql("IdentityLogonEvent", SIGN_IN_COLUMNS, { conflictTarget: ["reportId"] });

// Mailbox ids are made by Prisma's client, not by a column default, so the set-based upsert makes its own.
const UPSERT_MAILBOXES = `
  INSERT INTO "Mailbox" ("id", "address", "displayName", "department", "jobTitle", "country", "createdAt")
  SELECT gen_random_uuid()::text, r->>0, r->>1, r->>2, r->>3, r->>4, COALESCE((r->>5)::timestamp(3), CURRENT_TIMESTAMP)
  FROM jsonb_array_elements($1::jsonb) AS r
  ON CONFLICT ("address") DO UPDATE SET
    "displayName" = EXCLUDED."displayName", "department" = EXCLUDED."department",
    "jobTitle" = EXCLUDED."jobTitle", "country" = EXCLUDED."country"
  WHERE ("Mailbox"."displayName", "Mailbox"."department", "Mailbox"."jobTitle", "Mailbox"."country")
    IS DISTINCT FROM (EXCLUDED."displayName", EXCLUDED."department", EXCLUDED."jobTitle", EXCLUDED."country")`;

/**
 * Stores sign-ins (in bulk, idempotent on a derived ReportId) and applies mailbox upserts and configuration
 * changes (one by one, each idempotent). Mailboxes come first, so a batch may create a mailbox and configure it.
 * A mailbox that neither exists nor comes in the batch is rejected, with nothing written, as a ZodError naming
 * the event.
 */
export async function ingestIdentityEvents(input: readonly TIdentityEventInput[]): Promise<IngestIdentityEventsResult> {
  const events = ZIdentityEventBatch.parse(input);
  const byType = Object.fromEntries(
    (
      ["signIn", "mailbox", "inboxRule", "forwarding", "mfaMethod", "appConsent", "roleAssignment", "session"] as const
    ).map((type) => [type, { applied: 0, unchanged: 0 }]),
  ) as Record<TIdentityEventType, IdentityEventCounts>;

  const signIns = events.filter((event): event is SignIn => event.type === "signIn");
  const mailboxes = lastPerAddress(events.filter((event): event is MailboxEvent => event.type === "mailbox"));
  const config = events.flatMap((event, index) => (isConfigEvent(event) ? [{ event, index }] : []));
  await assertMailboxesKnown(config, new Set(mailboxes.map((mailbox) => mailbox.address)));

  const mailboxesWritten = mailboxes.length
    ? await prisma.$executeRawUnsafe(UPSERT_MAILBOXES, mailboxRows(mailboxes))
    : 0;
  byType.mailbox = {
    applied: mailboxesWritten,
    unchanged: events.filter((e) => e.type === "mailbox").length - mailboxesWritten,
  };

  for (let start = 0; start < signIns.length; start += SIGN_IN_BATCH_SIZE) {
    const batch = signIns.slice(start, start + SIGN_IN_BATCH_SIZE);
    const inserted = await prisma.$executeRawUnsafe(INSERT_SIGN_INS, toJsonRows(batch, SIGN_IN_COLUMNS));
    byType.signIn.applied += inserted;
    byType.signIn.unchanged += batch.length - inserted;
  }

  if (config.length) {
    const outcomes = await applyConfig(config);
    outcomes.forEach((outcome, i) => byType[config[i].event.type][outcome]++);
  }
  return { received: input.length, byType };
}

const isConfigEvent = (event: TIdentityEvent): event is ConfigEvent =>
  event.type !== "signIn" && event.type !== "mailbox";

function lastPerAddress(mailboxes: MailboxEvent[]): MailboxEvent[] {
  return [...new Map(mailboxes.map((mailbox) => [mailbox.address, mailbox])).values()];
}

const mailboxRows = (mailboxes: MailboxEvent[]) =>
  JSON.stringify(
    mailboxes.map((m) => [
      m.address,
      m.displayName,
      m.department,
      m.jobTitle ?? null,
      m.country,
      m.createdAt ? new Date(m.createdAt).toISOString() : null,
    ]),
  );

async function assertMailboxesKnown(
  config: { event: ConfigEvent; index: number }[],
  inBatch: Set<string>,
): Promise<void> {
  const wanted = [...new Set(config.map(({ event }) => event.mailbox))].filter((address) => !inBatch.has(address));
  if (!wanted.length) return;
  const found = new Set(
    (await prisma.mailbox.findMany({ where: { address: { in: wanted } }, select: { address: true } })).map(
      (m) => m.address,
    ),
  );
  const issues = config
    .filter(({ event }) => !inBatch.has(event.mailbox) && !found.has(event.mailbox))
    .map(({ event, index }) => ({
      code: "custom" as const,
      path: [index, "mailbox"],
      message: `no mailbox ${event.mailbox}: send a "mailbox" event for it first`,
      input: event.mailbox,
    }));
  if (issues.length) throw new z.ZodError(issues);
}

async function applyConfig(config: { event: ConfigEvent; index: number }[]): Promise<ConfigOutcome[]> {
  const addresses = [...new Set(config.map(({ event }) => event.mailbox))];
  return prisma.$transaction(
    async (tx) => {
      const ids = new Map(
        (await tx.mailbox.findMany({ where: { address: { in: addresses } }, select: { id: true, address: true } })).map(
          (m) => [m.address, m.id],
        ),
      );
      const outcomes: ConfigOutcome[] = [];
      for (const { event, index } of config) {
        try {
          outcomes.push(await applyMailboxConfig(tx, event, ids.get(event.mailbox) ?? ""));
        } catch (error) {
          if (!(error instanceof ConfigConflict)) throw error;
          throw new z.ZodError([
            { code: "custom", path: [index, error.field], message: error.message, input: undefined },
          ]);
        }
      }
      return outcomes;
    },
    { maxWait: 60_000, timeout: 300_000 },
  );
}
