import { describe, expect, it } from "vitest";
import { maillogEmailEvent } from "@/server/mail-system/maillog/maillog-events";
import type { TMaillogDelivery } from "@/server/mail-system/maillog/parse-maillog";

const context = { orgDomains: ["breakwater.test"], journalMailbox: "journal@breakwater.test" };

const delivery = (overrides: Partial<TMaillogDelivery>): TMaillogDelivery => ({
  networkMessageId: "0f8fad5b-d9cb-569f-a165-70867728950e",
  queueId: "D9F9A23E7EC",
  host: "mx",
  receivedAt: Date.UTC(2026, 10, 29, 22, 36, 49),
  at: Date.UTC(2026, 10, 29, 22, 36, 50),
  messageId: "<a1@contoso.example>",
  clientIp: "198.51.100.7",
  envelopeFrom: "bounce@contoso.example",
  headerFrom: "Alice Sender <Alice@Contoso.example>",
  subject: "Quarterly invoice",
  size: 843,
  recipient: "bob@breakwater.test",
  originalRecipient: null,
  outcome: "sent",
  transport: "lmtp",
  detail: "250 2.0.0 Saved",
  ...overrides,
});

describe("maillogEmailEvent", () => {
  it("makes one EmailEvents row of a delivered recipient", () => {
    expect(maillogEmailEvent(delivery({}), context)).toEqual({
      timestamp: "2026-11-29T22:36:49.000Z",
      networkMessageId: "0f8fad5b-d9cb-569f-a165-70867728950e",
      internetMessageId: "<a1@contoso.example>",
      senderFromAddress: "alice@contoso.example",
      senderMailFromAddress: "bounce@contoso.example",
      senderDisplayName: "Alice Sender",
      senderIPv4: "198.51.100.7",
      recipientEmailAddress: "bob@breakwater.test",
      subject: "Quarterly invoice",
      emailDirection: "Inbound",
      deliveryAction: "Delivered",
      deliveryLocation: "Inbox/folder",
      authenticationDetails: { spf: "none", dkim: "none", dmarc: "none", compAuth: "none" },
      emailSize: 843,
    });
  });

  it("takes the direction from the envelope sender's and the recipient's domains", () => {
    const internal = { envelopeFrom: "dave@breakwater.test", headerFrom: "dave@breakwater.test" };
    expect(maillogEmailEvent(delivery(internal), context)?.emailDirection).toBe("Intra-org");
    expect(
      maillogEmailEvent(delivery({ ...internal, recipient: "x@external.example", transport: "smtp" }), context),
    ).toMatchObject({
      emailDirection: "Outbound",
      deliveryAction: "Delivered",
      deliveryLocation: "On-premises/external",
    });
    // A From header that claims the organisation does not make outside mail internal.
    expect(maillogEmailEvent(delivery({ headerFrom: "ceo@breakwater.test" }), context)?.emailDirection).toBe("Inbound");
  });

  it("maps each outcome to a delivery action and location the ingestion accepts", () => {
    const cases: [Partial<TMaillogDelivery>, string, string][] = [
      [{ outcome: "bounced" }, "Blocked", "Failed"],
      [{ outcome: "expired" }, "Blocked", "Failed"],
      [{ outcome: "refused", transport: null }, "Blocked", "Dropped"],
      [{ outcome: "discarded", transport: null }, "Blocked", "Dropped"],
      [{ outcome: "removed", transport: null }, "Blocked", "Dropped"],
      [{ outcome: "sent", transport: "discard" }, "Blocked", "Dropped"],
      [{ outcome: "sent", transport: "virtual" }, "Delivered", "Inbox/folder"],
    ];
    for (const [overrides, action, location] of cases) {
      expect(maillogEmailEvent(delivery(overrides), context)).toMatchObject({
        deliveryAction: action,
        deliveryLocation: location,
      });
    }
  });

  it("gives no row for the journal mailbox's copy", () => {
    expect(maillogEmailEvent(delivery({ recipient: "journal@breakwater.test" }), context)).toBeNull();
  });

  it("names a bounce's sender after the host in its Message-ID, and makes an id for a message that had none", () => {
    const bounce = maillogEmailEvent(
      delivery({
        envelopeFrom: "",
        headerFrom: null,
        messageId: "<20261129223650.1093923E7F0@mx.breakwater.test>",
        clientIp: null,
      }),
      context,
    );
    expect(bounce).toMatchObject({
      senderFromAddress: "mailer-daemon@mx.breakwater.test",
      senderMailFromAddress: "mailer-daemon@mx.breakwater.test",
      senderIPv4: null,
      emailDirection: "Intra-org",
    });
    expect(maillogEmailEvent(delivery({ messageId: null }), context)?.internetMessageId).toBe(
      "<0f8fad5b-d9cb-569f-a165-70867728950e@postfix.invalid>",
    );
  });

  it("keeps only IPv4 client addresses (an IPv4-mapped IPv6 one as IPv4)", () => {
    expect(maillogEmailEvent(delivery({ clientIp: "2001:db8::1" }), context)?.senderIPv4).toBeNull();
    expect(maillogEmailEvent(delivery({ clientIp: "::ffff:192.0.2.1" }), context)?.senderIPv4).toBe("192.0.2.1");
  });
});
