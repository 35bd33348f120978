import { describe, expect, it } from "vitest";
import { prisma } from "@/server/db";
import { simulateOrg } from "@/server/simulator/simulate-org";

const NOW = new Date("2025-03-01T00:00:00Z");
const OPTIONS = { seed: 3, mailboxes: 20, days: 3, now: NOW };

const tableCounts = async () => ({
  Mailbox: await prisma.mailbox.count(),
  EmailEvent: await prisma.emailEvent.count(),
  EmailUrlInfo: await prisma.emailUrlInfo.count(),
  EmailAttachmentInfo: await prisma.emailAttachmentInfo.count(),
  IdentityLogonEvent: await prisma.identityLogonEvent.count(),
  InboxRule: await prisma.inboxRule.count(),
  MfaMethod: await prisma.mfaMethod.count(),
  AppConsent: await prisma.appConsent.count(),
  RoleAssignment: await prisma.roleAssignment.count(),
  UserSession: await prisma.userSession.count(),
});

describe("simulateOrg", () => {
  it("writes what its summary claims, and nothing twice when run again", async () => {
    const summary = await simulateOrg(OPTIONS);
    expect(await tableCounts()).toEqual(summary.counts);
    expect(summary).toMatchObject({
      domain: "contoso.test",
      mailboxes: 20,
      from: "2025-02-26T00:00:00.000Z",
      to: "2025-03-01T00:00:00.000Z",
    });
    expect(summary.inserted).toEqual({
      emailEvents: summary.counts.EmailEvent,
      signIns: summary.counts.IdentityLogonEvent,
    });
    expect(summary.counts.RoleAssignment).toBeGreaterThan(0);

    const ids = await prisma.emailEvent.findMany({
      select: { networkMessageId: true },
      distinct: ["networkMessageId"],
      orderBy: { networkMessageId: "asc" },
    });
    const again = await simulateOrg(OPTIONS);
    expect(again.counts).toEqual(summary.counts);
    expect(again.inserted).toEqual({ emailEvents: 0, signIns: 0 });
    expect(await tableCounts()).toEqual(summary.counts);
    const idsAgain = await prisma.emailEvent.findMany({
      select: { networkMessageId: true },
      distinct: ["networkMessageId"],
      orderBy: { networkMessageId: "asc" },
    });
    expect(idsAgain).toEqual(ids);

    const window = await prisma.emailEvent.aggregate({ _min: { timestamp: true }, _max: { timestamp: true } });
    expect(window._min.timestamp!.getTime()).toBeGreaterThanOrEqual(Date.parse(summary.from));
    expect(window._max.timestamp!.getTime()).toBeLessThan(Date.parse(summary.to));
    expect(
      await prisma.mailbox.count({ where: { address: { in: summary.samples.admins }, roleAssignments: { some: {} } } }),
    ).toBe(summary.samples.admins.length);
  });
});
