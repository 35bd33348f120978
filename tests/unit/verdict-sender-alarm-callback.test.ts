import { describe, expect, it } from "vitest";
import { BUILT_IN_BRANDS } from "@/server/verdicts/brands";
import { alarmInDisplayName } from "@/server/verdicts/checks/alert-display-name";
import { isDeliveryReport } from "@/server/verdicts/checks/content";
import type { TEmail } from "@/server/verdicts/email-input";
import { judgeEmail } from "@/server/verdicts/judge-email";
import { emptyTenantContext } from "@/server/verdicts/tenant-context";
import { engineEmail as email } from "../factories/engine-email";

// Three lure families: an alarm where the sender's name belongs, callback phishing (a charge and a number to call,
// no link), and the bounce whose "mailbox full" is its reason, not a lure.
const context = emptyTenantContext({ brands: BUILT_IN_BRANDS });
const signalOf = (message: TEmail, id: string) =>
  judgeEmail(message, context).signals.find((signal) => signal.id === id);
const link = (url: string) => ({ url, domain: new URL(url).hostname, linkText: null });

describe("a display name that is an alarm or a demand", () => {
  it("names the alarm word, in each language and however punctuated", () => {
    expect(alarmInDisplayName(" Payment..Required")).toBe("required");
    expect(alarmInDisplayName("E-Receipt Notice")).toBe("receipt");
    expect(alarmInDisplayName("DETRAN - Aviso Urgente")).toBe("aviso");
    expect(alarmInDisplayName("Norton Security ALERT")).toBe("alert");
    expect(alarmInDisplayName("Quota_Warning")).toBe("warning");
  });

  it("leaves people's and organisations' names alone, their alert services too", () => {
    for (const name of [
      "Maria Garcia",
      "Google Alerts",
      "Amazon Payments",
      "Microsoft account team",
      "Noticias UOL",
      "",
    ])
      expect(alarmInDisplayName(name)).toBeNull();
  });

  it("is a weak sign of its own, with the sender as its entity", () => {
    const found = signalOf(email({ senderDisplayName: "Payment Required" }), "sender.alarm_display_name");
    expect(found?.weight).toBe(1);
    expect(found?.entity).toEqual({ kind: "sender", value: "maria@fabrikam.com" });
    expect(judgeEmail(email({ senderDisplayName: "Payment Required" }), context).verdict).toBe("Clean");
  });
});

describe("callback phishing", () => {
  const receipt =
    "This email serves as an official receipt for your renewal of Norton Ultimate Plus. Invoice Total: $299.00. " +
    "Should you have questions about this invoice, please contact Norton Billing Support at +1 818-916-0340.";

  it("names a charge and a number to call in a message with no link", () => {
    const found = signalOf(email({ subject: "Your order confirmation", textBody: receipt }), "content.callback_lure");
    expect(found?.weight).toBe(2.5);
    expect(found?.evidence).toContain("$299.00");
    expect(found?.evidence).toContain("+1 818-916-0340");
  });

  it("leaves a receipt that links to its shop alone, and a call with no charge, and a charge with no number", () => {
    expect(
      signalOf(email({ textBody: receipt, urls: [link("https://shop.example/orders/1")] }), "content.callback_lure"),
    ).toBeUndefined();
    expect(
      signalOf(email({ textBody: "Call me on +44 20 7946 0958 about the order tomorrow." }), "content.callback_lure"),
    ).toBeUndefined();
    expect(
      signalOf(email({ textBody: "Your invoice of $299.00 is attached. Thanks, Maria" }), "content.callback_lure"),
    ).toBeUndefined();
  });
});

describe("a bounce's reason", () => {
  const bounce = {
    contentType: 'multipart/report; report-type="delivery-status"; boundary="x"',
    subject: "Undeliverable: minutes",
    textBody: "Delivery has failed to these recipients. The recipient's mailbox is full and can't accept messages now.",
    urls: [link("https://support.example/help")],
  };

  it("knows a delivery report by its structure", () => {
    expect(isDeliveryReport(email(bounce))).toBe(true);
    expect(
      isDeliveryReport(
        email({
          attachments: [{ fileName: "", contentType: "message/delivery-status", size: 1, sha256: "a".repeat(64) }],
        }),
      ),
    ).toBe(true);
    expect(isDeliveryReport(email())).toBe(false);
  });

  it("does not read the mailbox-full reason of a delivery report as a lure, and still reads it elsewhere", () => {
    expect(signalOf(email(bounce), "content.lure_mailbox_full")).toBeUndefined();
    expect(signalOf(email({ ...bounce, contentType: "text/plain" }), "content.lure_mailbox_full")).toBeDefined();
  });
});
