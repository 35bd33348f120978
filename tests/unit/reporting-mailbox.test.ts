import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { extractReportedOriginal, inlineForward } from "@/server/user-reported/extract-reported-original";
import {
  DEFAULT_FEEDBACK_TEMPLATES,
  feedbackOutcome,
  renderFeedback,
  renderTemplate,
} from "@/server/user-reported/feedback-templates";
import { findReporter } from "@/server/user-reported/find-reporter";
import {
  DEFAULT_SUBJECT_TAGS,
  detectReportType,
  reportTypeFromHeader,
  reportTypeFromSubject,
} from "@/server/user-reported/report-type";

const ORG = ["contoso.test"];
const LMTP =
  "from sandbox.breakwater.invalid ([127.0.0.1]) by sandbox.breakwater.invalid (Dovecot) with LMTP id abc for <reports@contoso.test>; Sat, 5 Dec 2026 18:00:00 +0000";
const accepted = (extra: string) =>
  `from client (localhost [127.0.0.1]) ${extra} by sandbox.breakwater.invalid (Postfix) with ESMTPSA id 4F1; Sat, 5 Dec 2026 18:00:00 +0000`;

describe("findReporter", () => {
  it("takes the authenticated sender of the receiving server's Received header, past the LMTP delivery hop", () => {
    expect(findReporter([LMTP, accepted("(Authenticated sender: Staff0@Contoso.test)")], ORG)).toEqual({
      reporter: "staff0@contoso.test",
    });
    expect(findReporter([accepted("(Authenticated sender: staff0@mail.contoso.test)")], ORG)).toEqual({
      reporter: "staff0@mail.contoso.test",
    });
  });

  it("trusts no Authenticated sender below the receiving server's header", () => {
    const forged = accepted("(Authenticated sender: staff0@contoso.test)").replace(
      "sandbox.breakwater.invalid",
      "mx.outside.test",
    );
    const result = findReporter([LMTP, accepted(""), forged], ORG);
    expect(result).toMatchObject({ reason: expect.stringMatching(/not sent by an authenticated user/) });
  });

  it("sets aside senders outside the organisation's domains, login names that are no address, and items with no Received header", () => {
    expect(findReporter([accepted("(Authenticated sender: mallory@contoso.test.evil)")], ORG)).toMatchObject({
      reason: expect.stringMatching(/not in the organisation's domains/),
    });
    expect(findReporter([accepted("(Authenticated sender: notcontoso.test)")], ORG)).toMatchObject({
      reason: expect.stringMatching(/not an email address/),
    });
    expect(findReporter([LMTP], ORG)).toMatchObject({ reason: expect.stringMatching(/no Received header/) });
  });

  it("never names a reporter outside the organisation, whatever the headers say", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 200 }), { maxLength: 5 }), (received) => {
        const result = findReporter(received, ORG);
        if ("reporter" in result)
          expect(result.reporter.endsWith("@contoso.test") || result.reporter.endsWith(".contoso.test")).toBe(true);
      }),
    );
  });
});

describe("report type", () => {
  it("reads the add-in's header words", () => {
    expect(reportTypeFromHeader("Phishing")).toBe("phish");
    expect(reportTypeFromHeader(" not-junk ")).toBe("notJunk");
    expect(reportTypeFromHeader("1")).toBe("junk");
    expect(reportTypeFromHeader("maybe")).toBeNull();
    expect(reportTypeFromHeader(null)).toBeNull();
  });

  it("reads a tag at the start of the subject, past forward prefixes, the longest tag first", () => {
    expect(reportTypeFromSubject("[Phish] FW: Your password", DEFAULT_SUBJECT_TAGS)).toBe("phish");
    expect(reportTypeFromSubject("FW: RE: [junk] offer", DEFAULT_SUBJECT_TAGS)).toBe("junk");
    expect(reportTypeFromSubject("Not junk: newsletter", DEFAULT_SUBJECT_TAGS)).toBe("notJunk");
    expect(reportTypeFromSubject("2|Fwd: newsletter", DEFAULT_SUBJECT_TAGS)).toBe("notJunk");
    expect(reportTypeFromSubject("About the [Phish] drill", DEFAULT_SUBJECT_TAGS)).toBeNull();
  });

  it("prefers the header, then the subject, then the admin's default", () => {
    const rules = { header: "X-Phish-Report-Type", subjectTags: DEFAULT_SUBJECT_TAGS, defaultType: "junk" as const };
    expect(detectReportType({ headerValue: "notjunk", subject: "[Phish] x" }, rules)).toEqual({
      type: "notJunk",
      from: "header",
    });
    expect(detectReportType({ headerValue: null, subject: "[Phish] x" }, rules)).toEqual({
      type: "phish",
      from: "subject",
    });
    expect(detectReportType({ headerValue: "??", subject: "hello" }, rules)).toEqual({ type: "junk", from: "default" });
  });
});

describe("the reported original", () => {
  it("is the attached message/rfc822 part, byte for byte", async () => {
    const original =
      "From: Phisher <a@evil.test>\r\nSubject: Pay now\r\nMessage-ID: <o@evil.test>\r\n\r\nhttps://evil.test/pay\r\n";
    const wrapper = [
      "From: staff0@contoso.test",
      "Subject: FW: Pay now",
      'Content-Type: multipart/mixed; boundary="b"',
      "",
      "--b",
      "Content-Type: text/plain",
      "",
      "see attached",
      "--b",
      'Content-Type: message/rfc822; name="reported.eml"',
      "Content-Disposition: attachment",
      "",
      original,
      "--b--",
      "",
    ].join("\r\n");
    const found = await extractReportedOriginal(Buffer.from(wrapper));
    expect(found?.isInlineForward).toBe(false);
    expect(found?.raw.toString()).toContain("Subject: Pay now");
    expect(found?.raw.toString()).toContain("Message-ID: <o@evil.test>");
  });

  it("is rebuilt from an inline forward, best-effort, and marked so", async () => {
    const wrapper =
      "From: staff0@contoso.test\r\nSubject: Fwd: Pay now\r\n\r\nLook at this\r\n\r\n---------- Forwarded message ---------\r\nFrom: Phisher <a@evil.test>\r\nDate: Sat, 5 Dec 2026 10:00:00 +0000\r\nSubject: Pay now\r\nTo: staff0@contoso.test\r\n\r\nPay at https://evil.test/pay\r\n";
    const found = await extractReportedOriginal(Buffer.from(wrapper));
    expect(found?.isInlineForward).toBe(true);
    const text = found!.raw.toString();
    expect(text).toMatch(/^From: Phisher <a@evil.test>\r\n/);
    expect(text).toContain("Subject: Pay now\r\n");
    expect(text).toContain("Date: Sat, 05 Dec 2026 10:00:00 GMT\r\n");
    expect(text).toContain("\r\n\r\nPay at https://evil.test/pay");
  });

  it("reads Outlook's quoted headers and mailto brackets", () => {
    const raw = inlineForward(
      "hi\n-----Original Message-----\nFrom: IT Desk [mailto:it@evil.test]\nSent: Monday, December 7, 2026 9:00 AM\nSubject: Reset\n\nClick here",
    )!.toString();
    expect(raw).toContain("From: IT Desk <it@evil.test>\r\n");
    expect(raw).toContain("Subject: Reset\r\n");
  });

  it("is nothing when the item has neither", async () => {
    expect(await extractReportedOriginal(Buffer.from("From: a@b.test\r\nSubject: hi\r\n\r\njust text\r\n"))).toBeNull();
    expect(inlineForward("---------- Forwarded message ---------\nno headers here")).toBeNull();
  });

  it("never lets a header line break out of its header", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.string({ maxLength: 100 }), (subject, body) => {
        const raw = inlineForward(`Begin forwarded message:\nFrom: a@evil.test\nSubject: ${subject}\n\n${body}`);
        if (!raw) return;
        const head = raw.toString().split("\r\n\r\n")[0];
        for (const line of head.split("\r\n"))
          expect(line).toMatch(
            /^(From|To|Cc|Reply-To|Subject|Date|MIME-Version|Content-Type|Content-Transfer-Encoding): /,
          );
      }),
    );
  });
});

describe("feedback templates", () => {
  it("tells the outcome of a verdict or an assessment", () => {
    expect(feedbackOutcome("Malicious", "Phish")).toBe("threat");
    expect(feedbackOutcome("Malicious", "Spam")).toBe("spam");
    expect(feedbackOutcome("Suspicious", null)).toBe("spam");
    expect(feedbackOutcome("Clean", null)).toBe("clean");
    expect(feedbackOutcome("Unknown", null)).toBeNull();
  });

  it("fills the placeholders, keeps unknown ones visible, and keeps the subject one line", () => {
    const values = {
      reporter: "r@c.test",
      subject: "Pay\r\nBcc: x@evil.test",
      sender: "a@evil.test",
      reportedAt: "today",
      verdict: "Malicious",
      threatType: "Phish",
      reportType: "phish",
    };
    expect(renderTemplate("{{sender}} {{ verdict }} {{nope}}", values)).toBe("a@evil.test Malicious {{nope}}");
    const notice = renderFeedback({ subject: "Re: {{subject}}", body: DEFAULT_FEEDBACK_TEMPLATES.threat.body }, values);
    expect(notice.subject).toBe("Re: Pay Bcc: x@evil.test");
    expect(notice.body).toContain("(Phish)");
  });
});

describe("the attached original, however it is attached", () => {
  const original = "From: Phisher <a@evil.test>\r\nSubject: Pay now\r\n\r\nhttps://evil.test/pay\r\n";
  const wrap = (part: string) =>
    Buffer.from(
      [
        "From: staff0@contoso.test",
        'Content-Type: multipart/mixed; boundary="outer"',
        "",
        "--outer",
        'Content-Type: multipart/alternative; boundary="outer2"',
        "",
        "--outer2",
        "Content-Type: text/plain",
        "",
        "--outer is not a boundary here",
        "--outer2--",
        "--outer",
        part,
        "--outer--",
        "",
      ].join("\r\n"),
    );

  it("finds an inline message/rfc822 part (mailparser folds it into the text)", async () => {
    const found = await extractReportedOriginal(
      wrap(`Content-Type: message/rfc822\r\nContent-Disposition: inline\r\n\r\n${original}`),
    );
    expect(found).toEqual({ raw: Buffer.from(original), isInlineForward: false });
  });

  it("decodes a base64 .eml file", async () => {
    const found = await extractReportedOriginal(
      wrap(
        `Content-Type: application/octet-stream; name="report.eml"\r\nContent-Transfer-Encoding: base64\r\n\r\n${Buffer.from(original).toString("base64")}`,
      ),
    );
    expect(found?.raw.toString()).toBe(original);
  });

  it("never throws on any bytes", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 400 }),
        async (bytes) => void (await extractReportedOriginal(Buffer.from(bytes))),
      ),
      { numRuns: 200 },
    );
  });
});
