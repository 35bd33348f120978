import { createHash, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { prisma } from "@/server/db";
import { ingestEmailEvents } from "@/server/ingestion/ingest-email-events";
import { ingestIdentityEvents } from "@/server/ingestion/ingest-identity-events";
import type { TEmailEventInput, TIdentityEventInput } from "@/server/ingestion/ingestion.schemas";

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

// One message to several recipients, the way a mail system reports it: one row per recipient.
function message(recipients: string[], overrides: Partial<TEmailEventInput> = {}): TEmailEventInput[] {
  const networkMessageId = randomUUID();
  return recipients.map((recipientEmailAddress) => ({
    timestamp: "2025-02-03T09:15:00.123Z",
    networkMessageId,
    internetMessageId: `<${networkMessageId}@fabrikam.example>`,
    senderFromAddress: "Jane.Roe@Fabrikam.example",
    senderMailFromAddress: "bounces@mail.fabrikam.example",
    senderDisplayName: "Jane Roe",
    senderIPv4: "192.0.2.10",
    recipientEmailAddress,
    subject: "Invoice 4711",
    emailDirection: "Inbound",
    deliveryAction: "Delivered",
    deliveryLocation: "Inbox/folder",
    authenticationDetails: { spf: "pass", dkim: "pass", dmarc: "pass", compAuth: "pass" },
    emailSize: 48_000,
    urls: [
      { url: "https://portal.fabrikam.example/invoices/4711" },
      { url: "https://www.fabrikam.example/", urlLocation: "Body" },
    ],
    attachments: [
      { fileName: "Invoice-4711.pdf", fileType: "pdf", sha256: sha256(networkMessageId), fileSize: 120_000 },
    ],
    ...overrides,
  }));
}

const count = async () => ({
  events: await prisma.emailEvent.count(),
  urls: await prisma.emailUrlInfo.count(),
  attachments: await prisma.emailAttachmentInfo.count(),
});

describe("ingestEmailEvents", () => {
  it("stores each message and recipient once, with its URLs once per message and files once per recipient", async () => {
    const rows = [
      ...message(["a@contoso.test", "b@contoso.test", "c@contoso.test"]),
      ...message(["a@contoso.test"], { urls: [], attachments: [] }),
    ];
    const before = await count();

    expect(await ingestEmailEvents(rows)).toEqual({ received: 4, inserted: 4, duplicates: 0 });
    const after = await count();
    expect(after).toEqual({ events: before.events + 4, urls: before.urls + 2, attachments: before.attachments + 3 });

    expect(await ingestEmailEvents(rows)).toEqual({ received: 4, inserted: 0, duplicates: 4 });
    expect(await count()).toEqual(after);
  });

  it("derives domains, counts, verdict encodings and ReportIds on the server", async () => {
    const [row] = message(["Mixed.Case@Contoso.test"], {
      deliveryAction: "Blocked",
      deliveryLocation: "Quarantine",
      threatTypes: ["Phish", "Spam"],
      detectionMethods: { Phish: ["URL detonation"] },
      timestamp: "2025-02-03T10:15:00.5+01:00",
    });
    await ingestEmailEvents([row]);
    const stored = await prisma.emailEvent.findFirstOrThrow({ where: { networkMessageId: row.networkMessageId } });
    expect(stored).toMatchObject({
      timestamp: new Date("2025-02-03T09:15:00.500Z"),
      senderFromAddress: "jane.roe@fabrikam.example",
      senderFromDomain: "fabrikam.example",
      senderMailFromDomain: "mail.fabrikam.example",
      recipientEmailAddress: "mixed.case@contoso.test",
      latestDeliveryLocation: "Quarantine",
      threatTypes: "Phish, Spam",
      detectionMethods: '{"Phish":["URL detonation"]}',
      authenticationDetails: { SPF: "pass", DKIM: "pass", DMARC: "pass", CompAuth: "pass" },
      urlCount: 2,
      attachmentCount: 1,
      reportId: `${row.networkMessageId}-mixed.case@contoso.test`,
    });
    const urls = await prisma.emailUrlInfo.findMany({
      where: { networkMessageId: row.networkMessageId },
      orderBy: { url: "asc" },
    });
    expect(urls.map((url) => [url.urlDomain, url.urlLocation])).toEqual([
      ["portal.fabrikam.example", "Body"],
      ["www.fabrikam.example", "Body"],
    ]);
    const file = await prisma.emailAttachmentInfo.findFirstOrThrow({
      where: { networkMessageId: row.networkMessageId },
    });
    expect(file).toMatchObject({
      recipientEmailAddress: "mixed.case@contoso.test",
      sha256: sha256(row.networkMessageId),
      fileType: "pdf",
    });
  });

  it("stores a Defender-shaped AuthenticationDetails (a JSON string, PascalCase keys) as Defender's column", async () => {
    const [row] = message(["defender.shape@contoso.test"]);
    const defenderRow = {
      ...row,
      authenticationDetails: '{"SPF":"softfail","DKIM":"None","DMARC":"bestguesspass","CompAuth":"softpass"}',
    } as unknown as TEmailEventInput;
    await ingestEmailEvents([defenderRow]);
    const stored = await prisma.emailEvent.findFirstOrThrow({ where: { networkMessageId: row.networkMessageId } });
    expect(stored.authenticationDetails).toEqual({
      SPF: "softfail",
      DKIM: "none",
      DMARC: "bestguesspass",
      CompAuth: "softpass",
    });
  });

  it("counts rows repeated within one call as duplicates and returns the new ids when asked", async () => {
    const rows = message(["x@contoso.test", "y@contoso.test"]);
    const result = await ingestEmailEvents([...rows, rows[0]], { returnInserted: true, batchSize: 1 });
    expect(result).toMatchObject({ received: 3, inserted: 2, duplicates: 1 });
    const stored = await prisma.emailEvent.findMany({
      where: { networkMessageId: rows[0].networkMessageId },
      select: { id: true },
    });
    expect(result.insertedIds.sort()).toEqual(stored.map((row) => row.id).sort());
  });

  it("rejects a bad row with a ZodError naming its index and field, and writes nothing of that batch", async () => {
    const rows = [
      ...message(["ok@contoso.test"]),
      ...message(["bad@contoso.test"], {
        attachments: [{ fileName: "x.zip", fileType: "zip", sha256: "not-a-hash", fileSize: 1 }],
      }),
    ];
    const before = await count();
    const error = await ingestEmailEvents(rows).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(z.ZodError);
    expect((error as z.ZodError).issues).toEqual([
      expect.objectContaining({
        path: [1, "attachments", 0, "sha256"],
        message: 'not a SHA-256 (64 hex digits): "not-a-hash"',
      }),
    ]);
    expect(await count()).toEqual(before);
  });

  it("names the row by its place in the whole call when it sits in a later batch", async () => {
    const rows = [
      ...message(["one@contoso.test", "two@contoso.test"]),
      ...message(["three@contoso.test"], { emailDirection: "Sideways" as never }),
    ];
    const error = (await ingestEmailEvents(rows, { batchSize: 2 }).catch((caught: unknown) => caught)) as z.ZodError;
    expect(error.issues.map((issue) => issue.path)).toEqual([[2, "emailDirection"]]);
  });
});

describe("ingestIdentityEvents", () => {
  const mailbox = (address: string): TIdentityEventInput => ({
    type: "mailbox",
    address,
    displayName: "Ada Lovelace",
    department: "IT",
    country: "GB",
  });
  const signIn = (address: string, minute: number): TIdentityEventInput => ({
    type: "signIn",
    timestamp: `2025-02-03T09:${String(minute).padStart(2, "0")}:00Z`,
    accountUpn: address,
    accountDisplayName: "Ada Lovelace",
    actionType: "LogonSuccess",
    application: "Office 365 Exchange Online",
    logonType: "Interactive",
    protocol: "OAuth2",
    ipAddress: "203.0.113.20",
    countryCode: "GB",
  });

  it("upserts mailboxes, stores sign-ins in bulk and applies configuration, each idempotently", async () => {
    const address = `ada.${randomUUID().slice(0, 8)}@contoso.test`;
    const events: TIdentityEventInput[] = [
      mailbox(address),
      signIn(address, 1),
      signIn(address, 2),
      { type: "mfaMethod", mailbox: address, method: "authenticatorApp", detail: "Authenticator on Pixel 8" },
      { type: "roleAssignment", mailbox: address, role: "Exchange Administrator" },
      {
        type: "inboxRule",
        operation: "create",
        mailbox: address,
        name: "Newsletters",
        moveToFolder: "Newsletters",
        conditions: { b: 1, a: [2] },
      },
      { type: "forwarding", operation: "set", mailbox: address, forwardingSmtpAddress: "ada@partner.example" },
      { type: "appConsent", mailbox: address, appId: randomUUID(), appName: "Notes", scopes: ["User.Read"] },
      {
        type: "session",
        mailbox: address,
        sessionId: randomUUID(),
        ipAddress: "203.0.113.20",
        country: "GB",
        client: "Outlook for Windows",
      },
    ];
    const first = await ingestIdentityEvents(events);
    expect(Object.values(first.byType).map((counts) => counts.unchanged)).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    expect(first.byType.signIn).toEqual({ applied: 2, unchanged: 0 });

    const second = await ingestIdentityEvents(events);
    expect(Object.values(second.byType).map((counts) => counts.applied)).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);

    const stored = await prisma.mailbox.findUniqueOrThrow({
      where: { address },
      include: { inboxRules: true, mfaMethods: true, roleAssignments: true, appConsents: true, sessions: true },
    });
    expect(stored.forwardingSmtpAddress).toBe("ada@partner.example");
    expect([
      stored.inboxRules.length,
      stored.mfaMethods.length,
      stored.roleAssignments.length,
      stored.appConsents.length,
      stored.sessions.length,
    ]).toEqual([1, 1, 1, 1, 1]);
    expect(await prisma.identityLogonEvent.count({ where: { accountUpn: address } })).toBe(2);

    const cleared = await ingestIdentityEvents([{ type: "forwarding", operation: "clear", mailbox: address }]);
    expect(cleared.byType.forwarding).toEqual({ applied: 1, unchanged: 0 });
    expect((await prisma.mailbox.findUniqueOrThrow({ where: { address } })).forwardingSmtpAddress).toBeNull();
  });

  it("rejects configuration for a mailbox it does not know, naming the event, and writes nothing", async () => {
    const address = `ghost.${randomUUID().slice(0, 8)}@contoso.test`;
    const known = `known.${randomUUID().slice(0, 8)}@contoso.test`;
    const error = (await ingestIdentityEvents([
      mailbox(known),
      { type: "roleAssignment", mailbox: address, role: "Global Administrator" },
    ]).catch((caught: unknown) => caught)) as z.ZodError;
    expect(error).toBeInstanceOf(z.ZodError);
    expect(error.issues[0]).toMatchObject({ path: [1, "mailbox"], message: expect.stringContaining(address) });
    expect(await prisma.mailbox.count({ where: { address: known } })).toBe(0);
  });
});
