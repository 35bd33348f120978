import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { prisma } from "@/server/db";
import { internalDomains, sendingActivity } from "@/server/detection/sending-activity";
import { remediationQueries } from "../remediation.queries";

const SIGN_IN = { timestamp: true, actionType: true, protocol: true, countryCode: true, ipAddress: true } as const;

/** What the compromised-user playbook reads of the tenant store: the account, its configuration, its mail and sign-ins. */
export const compromisedUserQueries = {
  ...remediationQueries,
  mailbox: (address: string) => prisma.mailbox.findUnique({ where: { address } }),
  internalDomains,
  mfaMethodsAddedSince: (mailboxId: string, since: Date) =>
    prisma.mfaMethod.findMany({ where: { mailboxId, isRemoved: false, addedAt: { gte: since } } }),
  appConsentsSince: (mailboxId: string, since: Date) =>
    prisma.appConsent.findMany({ where: { mailboxId, revokedAt: null, consentedAt: { gte: since } } }),
  roleAssignmentsSince: (mailboxId: string, since: Date) =>
    prisma.roleAssignment.findMany({ where: { mailboxId, removedAt: null, assignedAt: { gte: since } } }),
  enabledInboxRules: (mailboxId: string) => prisma.inboxRule.findMany({ where: { mailboxId, isEnabled: true } }),

  async lastSentAt(address: string): Promise<Date | null> {
    const latest = await prisma.emailEvent.findFirst({
      where: { senderFromAddress: address, emailDirection: { not: "Inbound" } },
      orderBy: { timestamp: "desc" },
      select: { timestamp: true },
    });
    return latest?.timestamp ?? null;
  },
  async sendingActivity(address: string, asOf: Date, domains: string[]) {
    const [activity] = await sendingActivity([{ sender: address, asOf }], domains);
    return activity;
  },
  openRestriction: (address: string) =>
    prisma.restrictedUser.findFirst({
      where: { address, releasedAt: null },
      orderBy: { restrictedAt: "desc" },
      select: { id: true },
    }),

  /** Sign-ins before the suspect window (the user's normal) and within it, oldest first. */
  async signIns(address: string, window: { historySince: Date; since: Date; until: Date }) {
    const [history, recent] = await Promise.all([
      prisma.identityLogonEvent.findMany({
        where: { accountUpn: address, timestamp: { gte: window.historySince, lt: window.since } },
        select: SIGN_IN,
      }),
      prisma.identityLogonEvent.findMany({
        where: { accountUpn: address, timestamp: { gte: window.since, lte: window.until } },
        select: SIGN_IN,
        orderBy: { timestamp: "asc" },
      }),
    ]);
    return { history, recent };
  },

  /** Delivered mail the account sent since `since`, as a cluster's condition and its counts. */
  async sentMail(address: string, since: Date) {
    const where = Prisma.sql`"EmailEvent"."senderFromAddress" = ${address} and "EmailEvent"."emailDirection" <> 'Inbound'
      and "EmailEvent".timestamp >= ${since} and "EmailEvent"."deliveryAction" <> 'Blocked'`;
    const [counts] = await prisma.$queryRaw<{ rows: bigint; threats: bigint; external: bigint }[]>`
      select count(*) as rows, count(*) filter (where "threatTypes" <> '') as threats,
             count(*) filter (where "emailDirection" = 'Outbound') as external
      from "EmailEvent" where ${where}`;
    return { where, rows: Number(counts.rows), threats: Number(counts.threats), external: Number(counts.external) };
  },
};

export type TCompromisedUserQueries = typeof compromisedUserQueries;
