import "server-only";
import { ingestEmailEvents } from "@/server/ingestion/ingest-email-events";
import { ingestIdentityEvents } from "@/server/ingestion/ingest-identity-events";
import type { TEmailEventInput, TIdentityEventInput } from "@/server/ingestion/ingestion.schemas";
import { ORG_DOMAIN, PARTNERS } from "./org/org-directory";
import { generateOrg } from "./org/generate-org";
import { isAdmin, type Org } from "./org/org-people";
import { DAY_MS } from "./org/org-time";

export type SimulateOrgOptions = {
  seed?: number;
  days?: number;
  mailboxes?: number;
  /** End of the simulated window (exclusive); the start of today, UTC, by default. */
  now?: Date;
};

export type OrgSummary = {
  scenario: "org";
  seed: number;
  domain: string;
  mailboxes: number;
  days: number;
  from: string;
  to: string;
  /** Rows this scenario made, per table (re-running it inserts none of them twice). */
  counts: Record<
    | "Mailbox"
    | "EmailEvent"
    | "EmailUrlInfo"
    | "EmailAttachmentInfo"
    | "IdentityLogonEvent"
    | "InboxRule"
    | "MfaMethod"
    | "AppConsent"
    | "RoleAssignment"
    | "UserSession",
    number
  >;
  emailEventsByDirection: Record<string, number>;
  emailEventsByThreat: Record<string, number>;
  /** What this run newly wrote: zero on a second run with the same seed and window. */
  inserted: { emailEvents: number; signIns: number };
  samples: { users: string[]; admins: string[]; departments: string[]; partnerDomains: string[] };
};

const MAIL_CHUNK_ROWS = 20_000;

export const startOfTodayUtc = () => new Date(Math.floor(Date.now() / DAY_MS) * DAY_MS);

/** A baseline organisation: its mailboxes and their configuration, and `days` of ordinary mail and sign-ins. */
export async function simulateOrg({
  seed = 1,
  days = 30,
  mailboxes = 200,
  now = startOfTodayUtc(),
}: SimulateOrgOptions = {}): Promise<OrgSummary> {
  if (!Number.isInteger(days) || days < 1) throw new RangeError("days must be a whole number ≥ 1");
  if (!Number.isInteger(mailboxes) || mailboxes < 2) throw new RangeError("mailboxes must be a whole number ≥ 2");
  const plan = generateOrg({ seed, days, mailboxes, now });
  const summary = emptySummary(plan.org, seed, days, plan.from, plan.to);
  countConfig(summary, plan.config);
  await ingestIdentityEvents(plan.config);

  let pending: TEmailEventInput[] = [];
  const flush = async () => {
    summary.inserted.emailEvents += (await ingestEmailEvents(pending)).inserted;
    pending = [];
  };
  for (const { mail, signIns } of plan.days()) {
    countMail(summary, mail);
    pending = pending.concat(mail);
    if (pending.length >= MAIL_CHUNK_ROWS) await flush();
    summary.counts.IdentityLogonEvent += signIns.length;
    summary.inserted.signIns += (await ingestIdentityEvents(signIns)).byType.signIn.applied;
  }
  if (pending.length) await flush();
  return summary;
}

function emptySummary(org: Org, seed: number, days: number, from: number, to: number): OrgSummary {
  const counts = {
    Mailbox: 0,
    EmailEvent: 0,
    EmailUrlInfo: 0,
    EmailAttachmentInfo: 0,
    IdentityLogonEvent: 0,
    InboxRule: 0,
    MfaMethod: 0,
    AppConsent: 0,
    RoleAssignment: 0,
    UserSession: 0,
  };
  return {
    scenario: "org",
    seed,
    domain: ORG_DOMAIN,
    mailboxes: org.people.length,
    days,
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    counts,
    emailEventsByDirection: {},
    emailEventsByThreat: {},
    inserted: { emailEvents: 0, signIns: 0 },
    samples: {
      users: org.people
        .filter((person) => !isAdmin(person))
        .slice(0, 3)
        .map((person) => person.address),
      admins: org.people.filter(isAdmin).map((person) => person.address),
      departments: [...org.byDepartment.keys()],
      partnerDomains: PARTNERS.slice(0, 4).map((partner) => partner.domain),
    },
  };
}

const CONFIG_TABLES = {
  mailbox: "Mailbox",
  inboxRule: "InboxRule",
  mfaMethod: "MfaMethod",
  appConsent: "AppConsent",
  roleAssignment: "RoleAssignment",
  session: "UserSession",
} as const;

function countConfig(summary: OrgSummary, events: TIdentityEventInput[]): void {
  for (const event of events) {
    if (event.type in CONFIG_TABLES) summary.counts[CONFIG_TABLES[event.type as keyof typeof CONFIG_TABLES]]++;
  }
}

// Counted as ingestion stores them: URLs once per message, attachments once per recipient and file.
function countMail(summary: OrgSummary, rows: TEmailEventInput[]): void {
  const messages = new Set<string>();
  for (const row of rows) {
    summary.counts.EmailEvent++;
    summary.counts.EmailAttachmentInfo += new Set(row.attachments?.map((file) => file.sha256)).size;
    if (!messages.has(row.networkMessageId)) {
      messages.add(row.networkMessageId);
      summary.counts.EmailUrlInfo += new Set(row.urls?.map((link) => link.url)).size;
    }
    summary.emailEventsByDirection[row.emailDirection] = (summary.emailEventsByDirection[row.emailDirection] ?? 0) + 1;
    const threat = row.threatTypes?.join(", ") || "None";
    summary.emailEventsByThreat[threat] = (summary.emailEventsByThreat[threat] ?? 0) + 1;
  }
}
