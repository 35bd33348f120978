import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BUILT_IN_BRANDS } from "@/server/verdicts/brands";
import type { TEmail } from "@/server/verdicts/email-input";
import { judgeEmail } from "@/server/verdicts/judge-email";
import { MALICIOUS_SCORE, SUSPICIOUS_SCORE, scoreSignals } from "@/server/verdicts/score-signals";
import type { TSignal } from "@/server/verdicts/signal";
import { emptyTenantContext } from "@/server/verdicts/tenant-context";
import { trustedAuthentication } from "@/server/verdicts/trusted-authentication";
import { engineEmail } from "../factories/engine-email";

const context = emptyTenantContext({ brands: BUILT_IN_BRANDS, orgDomains: ["contoso.com"] });

const email = engineEmail;

const ids = (message: TEmail) => judgeEmail(message, context).signals.map((signal) => signal.id);
const header = (key: string, value: string) => ({ key, value });

describe("the detection engine", () => {
  it("judges an ordinary note Clean with high confidence", () => {
    expect(judgeEmail(email(), context)).toMatchObject({ verdict: "Clean", threatType: "", confidence: "High" });
  });

  it("reads authentication only from the topmost header, or from the trusted authserv-ids", () => {
    const headers = [
      header(
        "authentication-results",
        "mx.contoso.com; spf=pass smtp.mailfrom=fabrikam.com; dmarc=fail (p=reject) header.from=fabrikam.com",
      ),
      header("authentication-results", "forged.example; dmarc=pass header.from=fabrikam.com"),
    ];
    expect(trustedAuthentication(headers, []).dmarc?.result).toBe("fail");
    expect(trustedAuthentication(headers, ["forged.example"]).dmarc?.result).toBe("pass");
    expect(trustedAuthentication(headers, ["mx.other.example"]).dmarc).toBeNull();
    expect(ids(email({ headers }))).toContain("auth.dmarc_fail");
    // The policy a receiver writes in a comment makes the failure weigh more.
    const inComment = [
      header(
        "authentication-results",
        "mx.contoso.com; dmarc=fail (p=REJECT sp=REJECT dis=NONE) header.from=fabrikam.com",
      ),
    ];
    expect(trustedAuthentication(inComment, []).dmarc?.properties.p).toBe("reject");
    expect(
      judgeEmail(email({ headers }), emptyTenantContext({ trustedAuthservIds: ["nobody.example"] })).signals.map(
        (signal) => signal.id,
      ),
    ).not.toContain("auth.dmarc_fail");
  });

  it("names the brand a display name borrows, and the look-alike of the organisation's or a brand's domain", () => {
    expect(ids(email({ senderDisplayName: "PayPal Service", senderAddress: "service@mailer-x.com" }))).toContain(
      "impersonation.brand_display_name",
    );
    expect(ids(email({ senderDisplayName: "PayPal", senderAddress: "service@paypal.com" }))).not.toContain(
      "impersonation.brand_display_name",
    );
    expect(
      ids(email({ urls: [{ url: "https://c0ntoso.com/login", domain: "c0ntoso.com", linkText: null }] })),
    ).toContain("impersonation.lookalike_org_link");
    expect(ids(email({ urls: [{ url: "https://paypa1.com/login", domain: "paypa1.com", linkText: null }] }))).toContain(
      "impersonation.lookalike_brand_link",
    );
    expect(
      ids(email({ urls: [{ url: "https://www.paypal.com/signin", domain: "www.paypal.com", linkText: null }] })),
    ).not.toContain("impersonation.lookalike_brand_link");
  });

  it("reads the HTML part when the text part is a stub, and takes a number to call as a way to act", () => {
    const html = "<p>Your account has been suspended.</p><p>Verify your account to restore access.</p>";
    expect(ids(email({ textBody: "Please use an HTML enabled email client to view this message.", html }))).toContain(
      "content.lure_credentials",
    );
    const callback = (textBody: string) =>
      judgeEmail(email({ textBody }), context).signals.find((signal) => signal.id === "content.lure_payment")?.weight;
    expect(
      callback("Your order #8211 is placed. Total $1382.64. Kindly call us immediately 1 808 303 2915 to cancel."),
    ).toBe(2.5);
    expect(callback("Your order #8211 is placed. Total $1382.64.")).toBe(1.25);
  });

  it("names a link through a search engine's click redirector, once, instead of an open redirect", () => {
    const link = (url: string) => ({ url, domain: new URL(url).hostname, linkText: null });
    const found = ids(
      email({
        urls: [
          link("https://www.bing.com/ck/a?!&&p=8cc5&u=a1aHR0cHM6Ly9ldmlsLmV4YW1wbGUv&ntb=1"),
          link("https://www.google.com/url?q=https://evil.example/&sa=D"),
        ],
      }),
    );
    expect(found.filter((id) => id === "links.click_redirector")).toHaveLength(1);
    expect(found).not.toContain("links.open_redirect");
    expect(ids(email({ urls: [link("https://www.google.com/search?q=breakwater")] }))).not.toContain(
      "links.click_redirector",
    );
  });

  it("reads a display name spelt out letter by letter", () => {
    expect(ids(email({ senderDisplayName: "C o i n b a s e", senderAddress: "noreply@firesonic.example" }))).toContain(
      "impersonation.brand_display_name",
    );
    expect(ids(email({ senderDisplayName: "A B C Team", senderAddress: "team@abc.example" }))).not.toContain(
      "impersonation.brand_display_name",
    );
  });

  it("finds credential lures in other languages, weaker without a way to act", () => {
    const link = [{ url: "https://example.net/x", domain: "example.net", linkText: null }];
    const german = judgeEmail(
      email({ textBody: "Bitte bestätigen Sie Ihr Konto innerhalb von 24 Stunden.", urls: link }),
      context,
    );
    const withLink = german.signals.find((signal) => signal.id === "content.lure_credentials")?.weight ?? 0;
    const portuguese = judgeEmail(email({ textBody: "Sua conta foi suspensa. Atualize seus dados." }), context);
    expect(withLink).toBeGreaterThan(0);
    expect(portuguese.signals.find((signal) => signal.id === "content.lure_account_suspended")?.weight).toBe(
      withLink / 2,
    );
  });

  it("flags forms, HTML and script attachments, and executables inside archives", () => {
    expect(ids(email({ html: '<form action="https://x.example"><input type="password" name="p"></form>' }))).toContain(
      "html.password_form",
    );
    const file = (fileName: string, extra = {}) => ({
      fileName,
      contentType: "application/octet-stream",
      size: 10,
      sha256: "a".repeat(64),
      ...extra,
    });
    expect(ids(email({ attachments: [file("Remittance.htm")] }))).toContain("attachments.html");
    expect(ids(email({ attachments: [file("invoice.pdf.exe")] }))).toEqual(
      expect.arrayContaining(["attachments.executable", "attachments.double_extension"]),
    );
    expect(
      ids(email({ attachments: [file("docs.zip", { archive: { entries: ["docs/invoice.js"], isEncrypted: true } })] })),
    ).toEqual(expect.arrayContaining(["attachments.executable_in_archive", "attachments.encrypted_archive"]));
    expect(judgeEmail(email({ attachments: [file("setup.iso")] }), context)).toMatchObject({
      verdict: "Malicious",
      threatType: "Malware",
    });
  });

  it("files bulk mail as Clean with threat type Bulk and a complaint level, and recognises delivery reports and invitations", () => {
    const bulk = email({
      headers: [
        header("list-unsubscribe", "<https://news.example/u>"),
        header("list-unsubscribe-post", "List-Unsubscribe=One-Click"),
        header("precedence", "bulk"),
        header("x-sg-eid", "abc"),
      ],
    });
    expect(judgeEmail(bulk, context)).toMatchObject({ verdict: "Clean", threatType: "Bulk", bulkComplaintLevel: 8 });
    expect(ids(email({ contentType: 'multipart/report; report-type=delivery-status; boundary="b"' }))).toContain(
      "system.delivery_report",
    );
    expect(
      ids(
        email({
          attachments: [{ fileName: "invite.ics", contentType: "text/calendar", size: 100, sha256: "b".repeat(64) }],
        }),
      ),
    ).toContain("system.calendar_invitation");
  });

  it("lowers suspicion for an existing correspondent and keeps a first-seen domain weak", () => {
    const known = judgeEmail(email({ senderDisplayName: "PayPal Service" }), {
      ...context,
      correspondence: { sentTo: 4, receivedFrom: 9 },
    });
    expect(known.signals.map((signal) => signal.id)).toContain("tenant.prior_correspondence");
    expect(judgeEmail(email(), { ...context, isSenderDomainSeen: false }).verdict).toBe("Clean");
  });

  it("lets an analyst's learnt verdict decide, citing it", () => {
    const learned = [
      {
        kind: "sender",
        value: "maria@fabrikam.com",
        assessment: "Phish",
        decidedBy: "Ana Analyst",
        decidedAt: new Date("2026-12-01T00:00:00Z"),
        submissionId: "s-1",
        clusterId: null,
      },
    ];
    const judged = judgeEmail(email(), { ...context, learned });
    expect(judged).toMatchObject({ verdict: "Malicious", threatType: "Phish" });
    expect(judged.deciding[0].evidence).toBe(
      "same campaign as submission s-1 (sender maria@fabrikam.com), judged Phish by Ana Analyst on 2026-12-01",
    );
    const fromCluster = judgeEmail(email(), {
      ...context,
      learned: [{ ...learned[0], assessment: "Clean", submissionId: null, clusterId: 42 }],
    });
    expect(fromCluster).toMatchObject({ verdict: "Clean" });
    expect(fromCluster.deciding[0].evidence).toBe(
      "same campaign as email cluster 42 (sender maria@fabrikam.com), judged Clean by Ana Analyst on 2026-12-01",
    );
  });

  it("scores by threat type, the most severe type winning among malicious ones", () => {
    const signal = (weight: number, threatType: TSignal["threatType"]): TSignal => ({
      id: `t.${weight}`,
      category: "content",
      weight,
      threatType,
      evidence: "",
    });
    expect(scoreSignals([signal(9, "Phish"), signal(6, "Malware")])).toMatchObject({
      verdict: "Malicious",
      threatType: "Malware",
    });
    expect(scoreSignals([signal(SUSPICIOUS_SCORE, "Phish"), signal(-1, null)])).toMatchObject({ verdict: "Clean" });
    expect(scoreSignals([signal(SUSPICIOUS_SCORE, "Phish")])).toMatchObject({
      verdict: "Suspicious",
      threatType: "Phish",
      confidence: "Low",
    });
    expect(scoreSignals([signal(MALICIOUS_SCORE, "Phish")])).toMatchObject({
      verdict: "Malicious",
      threatType: "Phish",
    });
  });

  it("never throws, whatever the message holds", () => {
    const text = fc.string({ unit: "binary", maxLength: 300 });
    fc.assert(
      fc.property(
        text,
        text,
        text,
        text,
        fc.array(
          fc.record({
            key: fc.constantFrom("authentication-results", "list-id", "precedence", "x-mailer"),
            value: text,
          }),
          { maxLength: 4 },
        ),
        fc.array(text, { maxLength: 3 }),
        (subject, name, body, html, headers, urls) => {
          const judged = judgeEmail(
            email({
              subject,
              senderDisplayName: name,
              textBody: body,
              html,
              headers,
              contentType: body,
              urls: urls.map((url) => ({ url: `https://${url}`, domain: url, linkText: name })),
              attachments: [{ fileName: name, contentType: subject, size: 1, sha256: body }],
            }),
            context,
          );
          expect(["Malicious", "Suspicious", "Clean"]).toContain(judged.verdict);
          expect(judged.signals.filter((signal) => signal.id.startsWith("engine."))).toEqual([]);
        },
      ),
      { numRuns: 200 },
    );
  }, 60_000);
});
