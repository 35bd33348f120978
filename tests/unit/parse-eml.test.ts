import { createHash } from "node:crypto";
import fc from "fast-check";
import MailComposer from "nodemailer/lib/mail-composer";
import { describe, expect, it } from "vitest";
import { bodyFingerprint } from "@/server/ingestion/body-fingerprint";
import { MalformedEmlError, parseEml } from "@/server/submissions/parse-eml";
import { extractReportedOriginal, parseReportedMessage } from "@/server/submissions/reported-original";
import { uudecode } from "@/server/submissions/uudecode";
import { BUILT_IN_BRANDS } from "@/server/verdicts/brands";
import { emailFrom } from "@/server/verdicts/email-input";
import { judgeEmail } from "@/server/verdicts/judge-email";
import { emptyTenantContext } from "@/server/verdicts/tenant-context";

const eml = (...lines: string[]) => Buffer.from(lines.join("\r\n"), "utf8");
const sha256 = (data: Buffer | Uint8Array) => createHash("sha256").update(data).digest("hex");
const base64Lines = (data: Buffer) => data.toString("base64").match(/.{1,76}/g) ?? [];

// "Ihr Konto wurde gesperrt – jetzt bestätigen" as an RFC 2047 encoded word.
const GERMAN_SUBJECT = "Ihr Konto wurde gesperrt – jetzt bestätigen";
const ENCODED_SUBJECT = `=?UTF-8?B?${Buffer.from(GERMAN_SUBJECT).toString("base64")}?=`;

const PHISH = eml(
  "Received: from mail.internal.example (10.0.0.5) by mx1.breakwater.test with SMTP; Tue, 10 Mar 2026 09:15:03 +0000",
  "Received: from relay.fabrikam-mail.example (relay.fabrikam-mail.example [198.51.100.23])",
  "\tby mail.internal.example with ESMTPS id 4a1b; Tue, 10 Mar 2026 09:15:01 +0000",
  "Received: from [192.168.1.10] (unknown [192.168.1.10]) by relay.fabrikam-mail.example; Tue, 10 Mar 2026 09:14:58 +0000",
  "Return-Path: <Bounce-77@Fabrikam-Mail.example>",
  'From: "Contoso Bank Security" <Security@Contoso-Bank.example>',
  "To: Alice <ALICE@breakwater.test>, bob@breakwater.test",
  "Cc: carol@breakwater.test, alice@breakwater.test",
  `Subject: ${ENCODED_SUBJECT}`,
  "Date: Tue, 10 Mar 2026 09:14:55 +0000",
  "Message-ID: <phish-42@fabrikam-mail.example>",
  "MIME-Version: 1.0",
  'Content-Type: multipart/alternative; boundary="ALT"',
  "",
  "--ALT",
  "Content-Type: text/plain; charset=utf-8",
  "",
  "Your account is locked. Confirm at https://www.contoso-bank.example/login (official)",
  "or at https://bare.fabrikam-mail.example/confirm?id=7.",
  "--ALT",
  "Content-Type: text/html; charset=utf-8",
  "",
  '<p>Your account is locked. <a class="btn" href="https://evil.fabrikam-mail.example/phish?id=7&amp;u=alice">',
  "<b>https://www.contoso-bank.example/login</b></a></p>",
  '<p><a href="mailto:help@contoso-bank.example">Help</a> <a href="javascript:alert(1)">x</a></p>',
  "--ALT--",
  "",
);

describe("parseEml on real messages", () => {
  it("reads sender, recipients, dates, ids and the encoded-word subject", async () => {
    const message = await parseEml(PHISH);
    expect(message).toMatchObject({
      internetMessageId: "<phish-42@fabrikam-mail.example>",
      subject: GERMAN_SUBJECT,
      senderAddress: "security@contoso-bank.example",
      senderDisplayName: "Contoso Bank Security",
      senderDomain: "contoso-bank.example",
      mailFromAddress: "bounce-77@fabrikam-mail.example",
      recipients: ["alice@breakwater.test", "bob@breakwater.test", "carol@breakwater.test"],
      sentAt: new Date("2026-03-10T09:14:55Z"),
      attachments: [],
    });
    expect(message.textBody).toContain("Your account is locked.");
    expect(message.bodyFingerprint).toBe(bodyFingerprint(GERMAN_SUBJECT, message.textBody));
  });

  it("keeps a link's shown text apart from where it goes, then the bare URLs of the text, each once", async () => {
    const { urls } = await parseEml(PHISH);
    expect(urls).toEqual([
      {
        url: "https://evil.fabrikam-mail.example/phish?id=7&u=alice",
        domain: "evil.fabrikam-mail.example",
        linkText: "https://www.contoso-bank.example/login",
      },
      { url: "https://www.contoso-bank.example/login", domain: "www.contoso-bank.example", linkText: null },
      { url: "https://bare.fabrikam-mail.example/confirm?id=7", domain: "bare.fabrikam-mail.example", linkText: null },
    ]);
  });

  it("takes the sender IP from the earliest external hop of the Received chain when nothing better says it", async () => {
    expect((await parseEml(PHISH)).senderIPv4).toBe("198.51.100.23");
    const originating = eml("From: a@fabrikam.example", "X-Originating-IP: [203.0.113.50]", "", "hi");
    expect((await parseEml(originating)).senderIPv4).toBe("203.0.113.50");
    expect((await parseEml(eml("From: a@fabrikam.example", "", "hi"))).senderIPv4).toBeNull();
  });

  it("reads SPF, DKIM, DMARC and compauth from the topmost Authentication-Results naming each", async () => {
    const message = await parseEml(
      eml(
        // Exchange Online's shape: no authserv-id, the connecting IP in a comment.
        "Authentication-Results: spf=fail (sender IP is 203.0.113.9) smtp.mailfrom=contoso-bank.example; dkim=none (message not signed)",
        " header.d=none;dmarc=fail action=quarantine header.from=contoso-bank.example;compauth=fail reason=000",
        // Added before the message reached the organisation: a sender can write anything here.
        "Authentication-Results: relay.fabrikam.example; spf=pass smtp.mailfrom=x; dkim=pass header.d=contoso-bank.example",
        "Received: from relay.fabrikam.example ([198.51.100.23]) by mx.breakwater.test",
        "From: security@contoso-bank.example",
        "Subject: locked",
        "",
        "body",
      ),
    );
    expect(message.authentication).toEqual({ spf: "fail", dkim: "none", dmarc: "fail", compAuth: "fail" });
    expect(message.senderIPv4).toBe("203.0.113.9");
  });

  it("reads results with an authserv-id, versions, quoted reasons and comments, and says none for what is missing", async () => {
    const message = await parseEml(
      eml(
        'Authentication-Results: mx.google.com 1; dkim/1=temperror (key "(a;b)" lookup) reason="dns; timeout" header.i=@x; spf=softfail smtp.remote-ip=198.51.100.77',
        "From: a@fabrikam.example",
        "",
        "",
      ),
    );
    expect(message.authentication).toEqual({ spf: "softfail", dkim: "temperror", dmarc: "none", compAuth: "none" });
    expect(message.senderIPv4).toBe("198.51.100.77");
    expect(
      (await parseEml(eml("From: a@fabrikam.example", "Received-SPF: Neutral (mx: 198.51.100.1 is neither)", "", "x")))
        .authentication.spf,
    ).toBe("neutral");
  });

  it("hashes attachments as sent, after decoding", async () => {
    const pdf = Buffer.concat([
      Buffer.from("%PDF-1.7\n"),
      Buffer.from(Array.from({ length: 600 }, (_, index) => index % 256)),
    ]);
    const message = await parseEml(
      eml(
        "From: billing@fabrikam.example",
        "To: alice@breakwater.test",
        "Subject: Invoice",
        'Content-Type: multipart/mixed; boundary="MIX"',
        "",
        "--MIX",
        "Content-Type: text/plain",
        "",
        "See the invoice.",
        "--MIX",
        'Content-Type: application/pdf; name="invoice 42.pdf"',
        "Content-Transfer-Encoding: base64",
        'Content-Disposition: attachment; filename="invoice 42.pdf"',
        "",
        ...base64Lines(pdf),
        "--MIX--",
      ),
    );
    expect(message.attachments).toEqual([
      {
        fileName: "invoice 42.pdf",
        contentType: "application/pdf",
        size: pdf.length,
        sha256: sha256(pdf),
        archive: null,
        hasMacros: false,
      },
    ]);
    expect(message.sentAt).toBeNull();
    expect(message.internetMessageId).toBeNull();
  });

  it("accepts a byte-order mark and an mbox From line before the headers", async () => {
    const withBom = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      eml("From: a@fabrikam.example", "Subject: s", "", "x"),
    ]);
    expect((await parseEml(withBom)).senderAddress).toBe("a@fabrikam.example");
    expect(
      (await parseEml(eml("From a@fabrikam.example Tue Mar 10 09:00:00 2026", "From: a@fabrikam.example", "", "x")))
        .subject,
    ).toBe("");
  });

  it("bounds the text body and the URL list", async () => {
    const text = `${Array.from({ length: 1200 }, (_, index) => `https://u${index}.fabrikam.example/`).join(" ")} ${"lorem ipsum ".repeat(10_000)}`;
    const message = await parseEml(eml("From: a@fabrikam.example", "", text));
    expect(message.urls).toHaveLength(1000);
    expect(message.textBody).toHaveLength(100_000);
  });

  // Hostile bodies that a quadratic parser would choke on (the test's timeout is the bound, not a timed assertion):
  // ~0.5 s on an idle machine, 3 s under a loaded CI, and minutes for a parser quadratic in 200,000.
  it("reads a page of unclosed anchors, and a URL followed by a long run of dots", { timeout: 30_000 }, async () => {
    const html = `<a href="https://a.fabrikam.example/">${"<a x".repeat(200_000)}`;
    const message = await parseEml(eml("From: a@fabrikam.example", "Content-Type: text/html", "", html));
    expect(message.urls[0]).toMatchObject({ url: "https://a.fabrikam.example/" });
    const dots = await parseEml(
      eml(
        "From: a@fabrikam.example",
        "",
        `see https://b.fabrikam.example/x${".".repeat(200_000)}y and https://c.fabrikam.example/page.`,
      ),
    );
    expect(dots.urls.map((url) => url.url)).toContain("https://c.fabrikam.example/page");
  });

  it("drops NUL characters, which PostgreSQL text cannot hold, from the body and decoded headers", async () => {
    const message = await parseEml(
      eml(
        "From: =?utf-8?B?RXZlAE1hbGxvcnk=?= <e@fabrikam.example>",
        "Subject: =?utf-8?B?aGkAdGhlcmU=?=",
        "",
        "hello\u0000world",
      ),
    );
    expect(message).toMatchObject({ subject: "hithere", senderDisplayName: "EveMallory" });
    expect(message.textBody).toContain("helloworld");
  });
});

describe("parseEml on what is not a message", () => {
  it.each([
    ["empty", Buffer.alloc(0), /empty/],
    ["blank", Buffer.from("  \r\n\r\n"), /empty/],
    ["binary", Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0xff, 0xfe, 0x3a, 0x00]), /binary/],
    ["plain text", Buffer.from("Hello, this is not an email.\n\nBye"), /header block/],
    ["headers without From", eml("Subject: hi", "To: a@b.example", "", "x"), /From header/],
  ])("rejects %s with the typed error", async (_name, raw, reason) => {
    const failure = parseEml(raw);
    await expect(failure).rejects.toBeInstanceOf(MalformedEmlError);
    await expect(failure).rejects.toThrow(reason);
  });
});

// Whatever parses is judged too: no check of the detection engine may fail on what the parser lets through.
const engineContext = emptyTenantContext({ brands: BUILT_IN_BRANDS, orgDomains: ["breakwater.test"] });

async function parsesOrIsMalformed(raw: Buffer): Promise<void> {
  for (const parse of [parseEml, parseReportedMessage]) {
    let parsed: Awaited<ReturnType<typeof parse>>;
    try {
      parsed = await parse(raw);
    } catch (error) {
      if (!(error instanceof MalformedEmlError)) throw error;
      continue;
    }
    // What the route stores: PostgreSQL refuses U+0000 in text and jsonb.
    expect(JSON.stringify(parsed.findings)).not.toContain("\\u0000");
    const judged = judgeEmail(emailFrom(parsed), engineContext);
    expect(judged.signals.filter((signal) => signal.id.startsWith("engine."))).toEqual([]);
  }
  await extractReportedOriginal(raw);
}

const HEADER_NAMES = [
  "From",
  "To",
  "Cc",
  "Reply-To",
  "Sender",
  "Subject",
  "Date",
  "Message-ID",
  "Return-Path",
  "Received",
  "Authentication-Results",
  "Received-SPF",
  "X-Originating-IP",
  "Content-Type",
  "Content-Transfer-Encoding",
  "Content-Disposition",
  "MIME-Version",
];
// Obsolete white space before the colon, values from the paths the parser repairs or flags.
const headerLine = fc
  .tuple(
    fc.constantFrom(...HEADER_NAMES),
    fc.constantFrom(":", " :", "\t:"),
    fc.oneof(
      fc.string({ maxLength: 80 }),
      fc.constantFrom(
        "a@b,com",
        "<MAILER-DAEMON>",
        "Undisclosed sender",
        "text",
        "text/calendar",
        "message/rfc822",
        "text/rfc822-headers",
        "x-uuencode",
        "multipart/report; report-type=feedback-report; boundary=B",
        "multipart/mixed; boundary=B",
      ),
    ),
  )
  .map(([name, colon, value]) => `${name}${colon} ${value}`);
const bodyText = fc.array(
  fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.constantFrom(
      "<a href=",
      '"https://x.example/a"',
      ">",
      "</a>",
      "&#x110000;",
      "&#0;",
      "--B",
      "--B--",
      "=?UTF-8?B?",
      "\r\n",
      "https://",
      "begin 644 a.zip\n",
      "M86)C\n",
      "`\nend\n",
    ),
    fc.constantFrom(
      "Content-Type: message/rfc822\r\n\r\nFrom: x@y.example\r\n\r\nhi",
      "Content-Type: text/rfc822-headers\r\n\r\nFrom : a@b\r\n",
      "Content-Transfer-Encoding: x-uuencode\r\n\r\n",
    ),
  ),
  { maxLength: 30 },
);

// Hundreds of parses each, on a machine shared with other work: the bound is generous, the runs are fixed.
const PROPERTY_TIMEOUT = 60_000;

describe("parseEml properties", () => {
  it(
    "never throws anything but the malformed error on arbitrary bytes",
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.uint8Array({ maxLength: 2048 }), (bytes) => parsesOrIsMalformed(Buffer.from(bytes))),
        { numRuns: 300 },
      );
    },
    PROPERTY_TIMEOUT,
  );

  it(
    "never throws anything but the malformed error on arbitrary header-ish text",
    async () => {
      // CR-only line endings and a folded first line are repaired before parsing: they join the property too.
      const message = fc
        .tuple(
          fc.boolean(),
          fc.constantFrom("", " folded\n", "\t"),
          fc.array(headerLine, { maxLength: 12 }),
          fc.constantFrom("\r\n", "\n", "\r"),
          bodyText,
        )
        .map(
          ([hasFrom, fold, headers, newline, body]) =>
            fold +
            [...(hasFrom ? ["From: someone@fabrikam.example"] : []), ...headers, "", body.join("")].join(newline),
        );
      await fc.assert(
        fc.asyncProperty(message, (text) => parsesOrIsMalformed(Buffer.from(text, "utf8"))),
        { numRuns: 300 },
      );
    },
    PROPERTY_TIMEOUT,
  );

  it(
    "never throws anything but the malformed error on arbitrary messages forwarded as attachments",
    async () => {
      const inner = fc
        .tuple(fc.array(headerLine, { maxLength: 8 }), bodyText)
        .map(([headers, body]) => [...headers, "", body.join("")].join("\r\n"));
      const wrapped = fc
        .tuple(
          inner,
          fc.constantFrom("message/rfc822", "text/rfc822-headers", "application/octet-stream; name=x.eml"),
          fc.constantFrom("7bit", "base64", "quoted-printable", "x-uuencode"),
        )
        .map(([original, type, encoding]) =>
          [
            "From: reporter@breakwater.test",
            "Subject: FW: look",
            'Content-Type: multipart/report; report-type=feedback-report; boundary="W"',
            "",
            "--W",
            "Content-Type: text/plain",
            "",
            "reported",
            "--W",
            `Content-Type: ${type}`,
            `Content-Transfer-Encoding: ${encoding}`,
            "",
            encoding === "base64" ? Buffer.from(original).toString("base64") : original,
            "--W--",
          ].join("\r\n"),
        );
      await fc.assert(
        fc.asyncProperty(wrapped, (text) => parsesOrIsMalformed(Buffer.from(text, "utf8"))),
        { numRuns: 150 },
      );
    },
    PROPERTY_TIMEOUT,
  );

  it("uudecodes what uuencode wrote, whatever the bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
        const lines = [];
        for (let at = 0; at < bytes.length; at += 45) {
          const chunk = Buffer.from(bytes.subarray(at, at + 45));
          const padded = Buffer.concat([chunk, Buffer.alloc((3 - (chunk.length % 3)) % 3)]);
          let line = String.fromCharCode(32 + chunk.length);
          for (let index = 0; index < padded.length; index += 3) {
            const triple = (padded[index] << 16) | (padded[index + 1] << 8) | padded[index + 2];
            for (const shift of [18, 12, 6, 0])
              line += String.fromCharCode(((triple >> shift) & 0x3f) === 0 ? 96 : 32 + ((triple >> shift) & 0x3f));
          }
          lines.push(line);
        }
        const encoded = Buffer.from(["begin 644 file.bin", ...lines, "`", "end", ""].join("\r\n"));
        expect(uudecode(encoded)).toEqual(Buffer.from(bytes));
      }),
      { numRuns: 200 },
    );
  });

  it(
    "round-trips subject, sender, URLs and attachment hashes of well-formed messages",
    async () => {
      const domain = fc.stringMatching(/^[a-z][a-z0-9-]{0,12}[a-z0-9]\.(example|test)$/);
      const generated = fc.record({
        local: fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,15}$/),
        domain,
        // Astral characters left out: MailComposer splits them across encoded words (its output, not the parser, breaks them).
        subject: fc
          .string({ unit: "grapheme", minLength: 1, maxLength: 120 })
          .filter((text) => text.trim() === text && !/[\p{Cc}\p{Zl}\p{Zp}\u{10000}-\u{10FFFF}]/u.test(text)),
        links: fc.uniqueArray(
          fc.webUrl({ validSchemes: ["http", "https"], withQueryParameters: true, withFragments: true }),
          { maxLength: 4 },
        ),
        bare: fc.uniqueArray(
          fc.tuple(domain, fc.stringMatching(/^[a-z0-9]{1,12}$/)).map(([host, path]) => `https://${host}/${path}`),
          { maxLength: 4 },
        ),
        files: fc.array(
          fc.record({
            name: fc.stringMatching(/^[a-z]{1,10}\.(pdf|docx|zip)$/),
            content: fc.uint8Array({ minLength: 1, maxLength: 3000 }),
          }),
          { maxLength: 3 },
        ),
      });
      await fc.assert(
        fc.asyncProperty(generated, async ({ local, domain: host, subject, links, bare, files }) => {
          const html = links.map((link, index) => `<p><a href="${escapeHtml(link)}">link ${index}</a></p>`).join("");
          const raw = await new MailComposer({
            from: `"Sender" <${local}@${host}>`,
            to: "alice@breakwater.test",
            subject,
            text: `Read ${bare.join(" and ")} now`,
            html,
            attachments: files.map((file) => ({ filename: file.name, content: Buffer.from(file.content) })),
          })
            .compile()
            .build();
          const message = await parseEml(raw);
          expect(message.subject).toBe(subject);
          expect(message.senderAddress).toBe(`${local}@${host}`.toLowerCase());
          const urls = message.urls.map((entry) => entry.url);
          expect(urls).toEqual(expect.arrayContaining([...links, ...bare].map((url) => new URL(url).href)));
          expect(message.attachments.map((file) => file.sha256).sort()).toEqual(
            files.map((file) => sha256(file.content)).sort(),
          );
        }),
        { numRuns: 60 },
      );
    },
    PROPERTY_TIMEOUT,
  );
});

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
