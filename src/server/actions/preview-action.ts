import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { countClusterByLocation } from "@/server/clusters/clusters.queries";
import { PREVIEW_LOCATIONS, type TPreviewLocation } from "@/lib/preview-locations";
import { prisma } from "@/server/db";
import { notFound } from "@/server/http/app-error";
import { EMAIL_ACTIONS, isEmailAction, MAILBOX_LOCATIONS } from "./email-locations";

type TDb = Prisma.TransactionClient;


const TOP = 10;
const SAMPLES = 5;

export type TEmailPreview = {
  kind: "email";
  computedAt: string;
  /** The cluster's size when hunting made it (Defender's frozen count). */
  frozenCount: number;
  /** Copies the action reaches now: in a mailbox and not already where it puts them. */
  liveCount: number;
  byLocation: Record<TPreviewLocation, number>;
  /** Priority accounts first, then the most copies. */
  mailboxes: { address: string; count: number; isPriority: boolean }[];
  mailboxCount: number;
  priorityMailboxCount: number;
  /** Of the organisation's mailboxes, the share with a copy (0–1). */
  organisationShare: number;
  senders: { address: string; count: number }[];
  linkHosts: { host: string; count: number }[];
  oldest: string | null;
  newest: string | null;
  samples: { networkMessageId: string; recipient: string; sender: string; subject: string; location: string; timestamp: string }[];
};

export type TIdentityPreview = {
  kind: "identity";
  computedAt: string;
  mailbox: string;
  isPriority: boolean;
  exists: boolean;
  /** What the user loses, one line each ("3 active sessions", "Forwarding to x@example.net"). */
  loses: string[];
  otherOpenActions: { id: number; type: string; entity: string }[];
};

export type TActionPreview = TEmailPreview | TIdentityPreview | { kind: "none"; computedAt: string };

/** What approving the action would touch, counted now. Read through `db` so a decision records what it acted on. */
export async function previewAction(id: number, db: TDb = prisma): Promise<TActionPreview> {
  const action = await db.action.findUnique({ where: { id }, select: { id: true, type: true, clusterId: true, target: true } });
  if (!action) throw notFound(`Action ${id}`);
  const computedAt = new Date().toISOString();
  if (isEmailAction(action.type) && action.clusterId) return { computedAt, ...(await previewEmail(action.clusterId, EMAIL_ACTIONS[action.type].location, db)) };
  const target = (action.target ?? {}) as TTarget & { mailbox?: unknown };
  if (typeof target.mailbox === "string") return { computedAt, ...(await previewIdentity(action.id, action.type, target, target.mailbox, db)) };
  return { kind: "none", computedAt };
}

function groupOf(location: string, destination: string): TPreviewLocation {
  if (location === destination) return "Already moved";
  if (location === "Inbox/folder") return "Inbox";
  if (location === "Junk folder") return "Junk";
  if (location === "Deleted items" || location === "Recoverable items" || location === "Deleted") return "Deleted";
  if (location === "Quarantine") return "Quarantine";
  return "Other";
}

async function previewEmail(clusterId: number, destination: string, db: TDb): Promise<Omit<TEmailPreview, "computedAt">> {
  const members = Prisma.sql`"EmailClusterMember" m join "EmailEvent" e on e.id = m."emailEventId" and m."clusterId" = ${clusterId}`;
  const [counts, cluster, mailboxes, totals, senders, linkHosts, samples] = await Promise.all([
    countClusterByLocation(clusterId, db),
    db.emailCluster.findUnique({ where: { id: clusterId }, select: { messageCount: true } }),
    db.$queryRaw<{ address: string; count: number; isPriority: boolean }[]>`
      select e."recipientEmailAddress" as address, count(*)::int as count, coalesce(bool_or(b."isPriority"), false) as "isPriority"
      from ${members} left join "Mailbox" b on b.address = e."recipientEmailAddress"
      group by 1 order by 3 desc, 2 desc, 1 limit ${TOP}`,
    db.$queryRaw<{ mailboxes: number; priority: number; inOrganisation: number; organisation: number; oldest: Date | null; newest: Date | null }[]>`
      select count(distinct e."recipientEmailAddress")::int as mailboxes,
        count(distinct b.address) filter (where b."isPriority")::int as priority,
        count(distinct b.address)::int as "inOrganisation",
        (select count(*)::int from "Mailbox") as organisation,
        min(e."timestamp") as oldest, max(e."timestamp") as newest
      from ${members} left join "Mailbox" b on b.address = e."recipientEmailAddress"`,
    db.$queryRaw<{ address: string; count: number }[]>`
      select e."senderFromAddress" as address, count(*)::int as count from ${members} group by 1 order by 2 desc, 1 limit ${TOP}`,
    db.$queryRaw<{ host: string; count: number }[]>`
      select u."urlDomain" as host, count(distinct e.id)::int as count
      from ${members} join "EmailUrlInfo" u on u."networkMessageId" = e."networkMessageId"
      group by 1 order by 2 desc, 1 limit ${TOP}`,
    db.$queryRaw<{ networkMessageId: string; recipient: string; sender: string; subject: string; location: string; timestamp: Date }[]>`
      select e."networkMessageId"::text as "networkMessageId", e."recipientEmailAddress" as recipient, e."senderFromAddress" as sender,
        e.subject, e."latestDeliveryLocation" as location, e."timestamp"
      from ${members} order by e."timestamp" desc, e.id desc limit ${SAMPLES}`,
  ]);
  const byLocation = Object.fromEntries(PREVIEW_LOCATIONS.map((group) => [group, 0])) as Record<TPreviewLocation, number>;
  let liveCount = 0;
  for (const [location, count] of Object.entries(counts)) {
    byLocation[groupOf(location, destination)] += count;
    if (location !== destination && (MAILBOX_LOCATIONS as readonly string[]).includes(location)) liveCount += count;
  }
  const total = totals[0];
  const organisation = total?.organisation ?? 0;
  return {
    kind: "email",
    frozenCount: cluster?.messageCount ?? 0,
    liveCount,
    byLocation,
    mailboxes,
    mailboxCount: total?.mailboxes ?? 0,
    priorityMailboxCount: total?.priority ?? 0,
    organisationShare: organisation ? (total?.inOrganisation ?? 0) / organisation : 0,
    senders,
    linkHosts,
    oldest: total?.oldest?.toISOString() ?? null,
    newest: total?.newest?.toISOString() ?? null,
    samples: samples.map((sample) => ({ ...sample, timestamp: sample.timestamp.toISOString() })),
  };
}

async function previewIdentity(id: number, type: string, target: TTarget, address: string, db: TDb): Promise<Omit<TIdentityPreview, "computedAt">> {
  const [mailbox, otherOpenActions] = await Promise.all([
    db.mailbox.findUnique({
      where: { address },
      select: {
        isPriority: true,
        isAccountEnabled: true,
        forwardingSmtpAddress: true,
        sessions: { where: { revokedAt: null }, select: { id: true } },
        inboxRules: { where: { isEnabled: true }, select: { id: true, name: true } },
        mfaMethods: { where: { isRemoved: false }, select: { id: true, type: true } },
        appConsents: { where: { revokedAt: null }, select: { id: true, appName: true } },
      },
    }),
    db.$queryRaw<{ id: number; type: string; entity: string }[]>`
      select id, type, entity from "Action" where status = 'Pending' and id <> ${id} and target->>'mailbox' = ${address} order by id`,
  ]);
  if (!mailbox) return { kind: "identity", mailbox: address, isPriority: false, exists: false, loses: [], otherOpenActions };
  const sessions = plural(mailbox.sessions.length, "active session");
  const loses = ((): string[] => {
    switch (type) {
      case "revokeSessions":
        return [sessions];
      case "resetPassword":
        return ["Their current password", sessions];
      case "removeForwarding":
        return mailbox.forwardingSmtpAddress ? [`Forwarding to ${mailbox.forwardingSmtpAddress}`] : [];
      case "disableAccount":
        return mailbox.isAccountEnabled ? ["Sign-in to the account", sessions] : [];
      default:
        return [];
    }
  })();
  // The rule, method or consent the action names is the one it takes away; the rest of the account stays.
  return {
    kind: "identity",
    mailbox: address,
    isPriority: mailbox.isPriority,
    exists: true,
    loses: [...loses, ...namedLosses(type, target, mailbox)],
    otherOpenActions,
  };
}

type TTarget = { ruleId?: string; methodId?: string; consentId?: string };
type TAccount = { inboxRules: { id: string; name: string }[]; mfaMethods: { id: string; type: string }[]; appConsents: { id: string; appName: string }[] };

function namedLosses(type: string, target: TTarget, account: TAccount): string[] {
  const rule = account.inboxRules.find((r) => r.id === target.ruleId);
  const method = account.mfaMethods.find((m) => m.id === target.methodId);
  const consent = account.appConsents.find((c) => c.id === target.consentId);
  if ((type === "removeForwardingRule" || type === "disableInboxRule") && rule) return [`Inbox rule “${rule.name}”`];
  if (type === "removeMfaMethod" && method) return [`MFA method: ${method.type}`];
  if (type === "revokeAppConsent" && consent) return [`App consent: ${consent.appName}`];
  return [];
}

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? "" : "s"}`;
