import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BUILT_IN_BRANDS } from "@/server/verdicts/brands";
import { isListRewrite } from "@/server/verdicts/checks/authentication";
import { linksElsewhere, organisationNotSender } from "@/server/verdicts/checks/content";
import { splitCamelCase } from "@/server/verdicts/checks/impersonation";
import { unfilledPlaceholder } from "@/server/verdicts/checks/template-placeholders";
import type { TEmail } from "@/server/verdicts/email-input";
import { judgeEmail } from "@/server/verdicts/judge-email";
import { emptyTenantContext } from "@/server/verdicts/tenant-context";
import { engineEmail as email } from "../factories/engine-email";

// The signals for lures that carry no technical sign: a free mailbox's notice, a kit's unfilled fields, a picture
// named as a document, a brand's name run together, and the list conventions that must not look like them.
const context = emptyTenantContext({ brands: BUILT_IN_BRANDS, orgDomains: ["contoso.com"] });
const signalOf = (message: TEmail, id: string) =>
  judgeEmail(message, context).signals.find((signal) => signal.id === id);
const header = (key: string, value: string) => ({ key, value });
const link = (url: string) => ({ url, domain: new URL(url).hostname, linkText: null });
const pdf = (fileName: string, contentType: string, text = "") => ({
  fileName,
  contentType,
  size: 10,
  sha256: "c".repeat(64),
  document: { text, links: [], pages: 1, isEncrypted: false },
});
const listHeaders = [
  header("list-id", "<users.lists.example.org>"),
  header("list-post", "<mailto:users@lists.example.org>"),
];

describe("lures without a technical sign", () => {
  it("weighs a lure from a free mailbox, in the body or in the attached document, with the words that matched", () => {
    const fromGmail = { senderAddress: "billing.dept@gmail.com", senderDisplayName: "Billing" };
    const inBody = signalOf(
      email({
        ...fromGmail,
        textBody: "Your account has been suspended. Verify your account here.",
        urls: [link("https://evil.example/x")],
      }),
      "content.lure_from_freemail",
    );
    expect(inBody?.weight).toBe(2);
    expect(inBody?.evidence).toContain("from a free mailbox (gmail.com)");
    const inDocument = signalOf(
      email({
        ...fromGmail,
        textBody: "See attached.",
        attachments: [pdf("notice.pdf", "application/pdf", "Your mailbox is full. Upgrade your storage quota.")],
      }),
      "content.lure_from_freemail",
    );
    expect(inDocument?.evidence).toContain("in its attachment");
    const notice = signalOf(
      email({
        senderAddress: "regina@ig.com.br",
        senderDisplayName: "NET",
        textBody: "A sua fatura NET acaba de chegar, basta abrir o documento anexado.",
        attachments: [pdf("fatura.pdf", "application/pdf")],
      }),
      "content.lure_from_freemail",
    );
    expect(notice?.evidence).toContain("sua fatura net acaba de chegar");
  });

  it("leaves a free mailbox's ordinary mail, list posts and bounces alone, and an organisation's own notice", () => {
    expect(
      signalOf(
        email({
          senderAddress: "ann@gmail.com",
          textBody: "Photos from Saturday attached!",
          attachments: [pdf("photos.pdf", "application/pdf")],
        }),
        "content.lure_from_freemail",
      ),
    ).toBeUndefined();
    expect(
      signalOf(
        email({
          senderAddress: "ann@gmail.com",
          headers: listHeaders,
          textBody: "My account has been suspended by the build bot, verify your account settings?",
          urls: [link("https://ci.example/x")],
        }),
        "content.lure_from_freemail",
      ),
    ).toBeUndefined();
    expect(
      signalOf(
        email({
          senderAddress: "mailer-daemon@gmail.com",
          contentType: "multipart/report; report-type=delivery-status",
          textBody: "The mailbox is full. Upgrade your storage quota.",
          urls: [link("https://support.google.com/x")],
        }),
        "content.lure_from_freemail",
      ),
    ).toBeUndefined();
    expect(
      signalOf(
        email({
          senderAddress: "faturas@net.com.br",
          textBody: "A sua fatura NET acaba de chegar.",
          attachments: [pdf("fatura.pdf", "application/pdf")],
        }),
        "content.lure_from_freemail",
      ),
    ).toBeUndefined();
  });

  it("finds a mail-merge field the kit left unfilled, in any of its notations, and nothing in ordinary text", () => {
    expect(unfilledPlaceholder("Diese Nachricht wurde an {EMAIL} gesendet")).toBe("{EMAIL}");
    expect(unfilledPlaceholder("[Batch_ID: [%random_hash]]")).toBe("[%random_hash]");
    for (const field of ["{{first_name}}", "%EMAIL%", "*|FNAME|*", "Hey {name},"])
      expect(unfilledPlaceholder(field)).not.toBeNull();
    expect(unfilledPlaceholder("Dinner at 8 {no rush}, 100% sure [see map] *bring wine*")).toBeNull();
    fc.assert(
      fc.property(
        fc.string({ maxLength: 200 }).map((text) => text.replace(/[{}[\]%|*]/g, " ")),
        (text) => unfilledPlaceholder(text) === null,
      ),
    );
    expect(
      signalOf(email({ textBody: "Hello {name}, your reward waits." }), "content.unfilled_placeholder")?.evidence,
    ).toContain('"{name}"');
    expect(
      signalOf(
        email({ headers: listHeaders, textBody: "Use print(f'{name}') in the loop." }),
        "content.unfilled_placeholder",
      ),
    ).toBeUndefined();
  });

  it("names a document declared as a picture, and not a document declared as what it is or as bytes", () => {
    expect(
      signalOf(email({ attachments: [pdf("fatura.pdf", "image/jpeg")] }), "attachments.type_mismatch")?.evidence,
    ).toBe(
      "fatura.pdf is declared as image/jpeg: a document's name on a picture (or a picture's type on a document), which honest mail software does not write",
    );
    expect(
      signalOf(email({ attachments: [pdf("fatura.pdf", "application/pdf")] }), "attachments.type_mismatch"),
    ).toBeUndefined();
    expect(
      signalOf(email({ attachments: [pdf("fatura.pdf", "application/octet-stream")] }), "attachments.type_mismatch"),
    ).toBeUndefined();
    expect(
      signalOf(email({ attachments: [pdf("photo.jpg", "image/jpeg")] }), "attachments.type_mismatch"),
    ).toBeUndefined();
  });

  it("reads a brand's name run together in CamelCase, only when the name as written names no brand", () => {
    expect(splitCamelCase("TrustWallet APP")).toBe("Trust Wallet APP");
    expect(
      signalOf(
        email({ senderDisplayName: "TrustWallet APP", senderAddress: "trust@email.salon.example" }),
        "impersonation.brand_display_name",
      )?.evidence,
    ).toContain("names Trust Wallet");
    expect(
      signalOf(
        email({ senderDisplayName: "MetaMask", senderAddress: "hello@metamask.io" }),
        "impersonation.brand_display_name",
      ),
    ).toBeUndefined();
    fc.assert(
      fc.property(
        fc.string({ maxLength: 60 }),
        (text) => splitCamelCase(text).replaceAll(" ", "") === text.replaceAll(" ", ""),
      ),
    );
  });
});

describe("list conventions that are not lures", () => {
  const rewritten = (overrides: Partial<TEmail> = {}) =>
    email({
      senderAddress: "users@lists.example.org",
      senderDisplayName: "Hao Zhou via Users",
      replyTo: ["hwzhou@yahoo.com"],
      headers: listHeaders,
      textBody: "Thanks, write to pav@gmail.com for the traces.",
      html: '<a href="mailto:pav@gmail.com">Pav</a>',
      ...overrides,
    });

  it("knows a list that rewrote the author's From and keeps the author in Reply-To", () => {
    expect(isListRewrite(rewritten())).toBe(true);
    expect(isListRewrite(rewritten({ senderDisplayName: "Users" }))).toBe(true);
    expect(isListRewrite(rewritten({ headers: [] }))).toBe(false);
    const ids = judgeEmail(rewritten(), context).signals.map((signal) => signal.id);
    expect(ids).not.toContain("auth.reply_to_freemail");
    expect(ids).not.toContain("links.mailto_elsewhere");
  });

  it("still names a free Reply-To or mailto outside lists, and weighs a Reply-To under an abused suffix", () => {
    const ids = judgeEmail(
      rewritten({ headers: [], senderAddress: "billing@fabrikam.com", senderDisplayName: "Billing" }),
      context,
    ).signals.map((signal) => signal.id);
    expect(ids).toEqual(expect.arrayContaining(["auth.reply_to_freemail", "links.mailto_elsewhere"]));
    expect(signalOf(email({ replyTo: ["sita@jvx.tewusi.makeup"] }), "auth.reply_to_elsewhere")?.weight).toBe(2);
    expect(signalOf(email({ replyTo: ["sita@partner.example"] }), "auth.reply_to_elsewhere")?.weight).toBe(1);
  });
});

describe("characters that hide in a name", () => {
  it("counts tag characters and supplementary variation selectors as invisible, and reads a word they split as one", () => {
    const selector = String.fromCodePoint(0xe0139);
    const judged = judgeEmail(
      email({ senderDisplayName: `\u13b7${selector}${selector}icroso${selector}ft Support` }),
      context,
    ).signals.map((signal) => signal.id);
    expect(judged).toEqual(expect.arrayContaining(["impersonation.mixed_script", "impersonation.hidden_characters"]));
    expect(
      judgeEmail(email({ senderDisplayName: `Gemini Se${selector}r${selector}vice` }), context).signals.map(
        (signal) => signal.id,
      ),
    ).toContain("impersonation.hidden_characters");
    expect(
      judgeEmail(email({ senderDisplayName: "Ana ❤️ Travel" }), context).signals.map((signal) => signal.id),
    ).not.toContain("impersonation.hidden_characters");
  });
});

describe("an organisation's name on another's domain", () => {
  it("names a lure that speaks as an organisation whose name the sender's domain does not carry", () => {
    expect(organisationNotSender("Charles Schwab & Co. Inc", "mail.octacloud.com.co")).toBe("Charles Schwab & Co. Inc");
    expect(organisationNotSender("SSA Procedures Team", "cwtwebpem.com")).toBe("SSA Procedures Team");
    expect(organisationNotSender("Schwab Alerts Team", "email.schwab.com")).toBeNull();
    expect(organisationNotSender("Launchpad Bug Tracker Team", "bugs.launchpad.net")).toBeNull();
    expect(organisationNotSender("Maria Garcia", "fabrikam.com")).toBeNull();
    expect(organisationNotSender("Support Team", "gmail.com")).toBeNull();
    const lure = {
      senderDisplayName: "SSA Procedures Team",
      senderAddress: "info@cwtwebpem.com",
      textBody: "You can view your document here.",
      urls: [link("https://cwtwebpem.com/doc")],
    };
    expect(signalOf(email(lure), "content.organisation_not_sender")?.evidence).toBe(
      'The lure speaks as "SSA Procedures Team", a name that the sender\'s domain cwtwebpem.com does not carry',
    );
    expect(
      signalOf(email({ ...lure, textBody: "Minutes attached." }), "content.organisation_not_sender"),
    ).toBeUndefined();
  });
});

describe("where a lure's links lead", () => {
  const paypal = BUILT_IN_BRANDS.filter((brand) => brand.name === "PayPal");
  it("names the site when no link stays at the sender's site or a brand it names", () => {
    expect(
      linksElsewhere(
        [link("https://kit.example/login"), link("https://cdn.kit.example/logo.png")],
        "mail.bank.example",
        [],
      ),
    ).toBe("kit.example");
    expect(
      linksElsewhere(
        [link("https://kit.example/login"), link("https://www.bank.example/privacy")],
        "mail.bank.example",
        [],
      ),
    ).toBeNull();
    expect(linksElsewhere([link("https://www.paypal.com/signin")], "service.example", paypal)).toBeNull();
    expect(linksElsewhere([], "bank.example", [])).toBeNull();
    const lure = {
      textBody: "Your account has been suspended. Verify your account.",
      urls: [link("https://kit.example/login")],
    };
    expect(signalOf(email(lure), "content.lure_link_elsewhere")?.evidence).toBe(
      "The lure's links go to kit.example, not to the sender's site fabrikam.com",
    );
    expect(signalOf(email({ ...lure, headers: listHeaders }), "content.lure_link_elsewhere")).toBeUndefined();
    expect(signalOf(email({ ...lure, textBody: "Minutes below." }), "content.lure_link_elsewhere")).toBeUndefined();
  });
});
