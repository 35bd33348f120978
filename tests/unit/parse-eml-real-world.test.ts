// Issue 15 item 3: what the parser lost or refused on real mail, each on a message collected from a public source
// (tests/fixtures/eml/SOURCES.md names the source, commit and licence of every file).
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import MailComposer from "nodemailer/lib/mail-composer";
import { describe, expect, it } from "vitest";
import { MalformedEmlError, parseEml } from "@/server/submissions/parse-eml";
import { extractReportedOriginal, parseReportedMessage } from "@/server/submissions/reported-original";
import { BUILT_IN_BRANDS } from "@/server/verdicts/brands";
import { emailFrom } from "@/server/verdicts/email-input";
import { judgeEmail } from "@/server/verdicts/judge-email";
import { emptyTenantContext } from "@/server/verdicts/tenant-context";

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, "../fixtures/eml", name));
const sha256 = (data: Buffer) => createHash("sha256").update(data).digest("hex");
const context = emptyTenantContext({ brands: BUILT_IN_BRANDS, orgDomains: ["breakwater.test"] });
const signalIds = async (raw: Buffer) => {
  const judged = judgeEmail(emailFrom(await parseEml(raw)), context);
  expect(judged.signals.filter((signal) => signal.id.startsWith("engine."))).toEqual([]);
  return judged.signals.map((signal) => signal.id);
};

describe("parts mailparser got wrong", () => {
  it("decodes an x-uuencode attachment, so its SHA-256 is the file's (LKML, 2003)", async () => {
    const { attachments } = await parseEml(fixture("lkml/swap-compression-x-uuencode.eml"));
    // The hash Python's binascii.a2b_uu gives for the block (SOURCES.md); the bytes are a bzip2 archive.
    expect(attachments).toEqual([
      expect.objectContaining({
        fileName: "fcomp.tar.bz2",
        size: 6817,
        sha256: "d15b1563f061cd9d988e4cb77256ddb9367c97190972daa8ce7d173010a7af88",
      }),
    ]);
  });

  it("gives an HTML-only message the text of its HTML (phishing_pot 4271)", async () => {
    const message = await parseEml(fixture("phishing-pot/sample-4271.eml"));
    expect(message.html).not.toBe("");
    expect(message.textBody).toContain("Hallo Kunde von ADAC!");
    expect(message.urls.length).toBeGreaterThan(0);
  });

  it("reads a bare `Content-Type: text` message as its body, not as a file (Alan Cox on LKML, 1999)", async () => {
    const message = await parseEml(fixture("lkml/pppoe-content-type-text.eml"));
    expect(message.attachments).toEqual([]);
    expect(message.textBody).toContain("There is a 2.3.x driver for PPP in kernel space.");
    expect(message.urls.map((url) => url.url)).toEqual(["http://www.tux.org/lkml/"]);
  });

  it("reads an inline `Content-Type: text` part as body and keeps the real files (phishing_pot 3641)", async () => {
    const message = await parseEml(fixture("phishing-pot/sample-3641.eml"));
    expect(message.attachments.map((file) => file.contentType)).toEqual([
      "application/pdf",
      "application/zip",
      "image/png",
    ]);
    expect(message.textBody).toContain("Boleta de INFRACCION");
  });

  it("lists an invitation's text/calendar alternative as no file, beside its invite.ics (Google Calendar)", async () => {
    const message = await parseEml(fixture("apparmor-list/calendar-invitation.eml"));
    expect(message.attachments.map((file) => [file.fileName, file.contentType])).toEqual([
      ["invite.ics", "application/ics"],
    ]);
  });

  it("lists a text/watch-html alternative as no file (mailparser's own fixture)", async () => {
    const message = await parseEml(fixture("mailparser/nodemailer.eml"));
    expect(message.attachments.map((file) => file.contentType)).not.toContain("text/watch-html");
    expect(message.attachments.map((file) => file.fileName)).toEqual(["image.png", "nyan cat ✔.gif", "notes.txt"]);
  });
});

describe("messages that were refused as not a message", () => {
  it("accepts `From :` with white space before the colon (phishing_pot 400; RFC 2822 A.6.3 in mikel/mail)", async () => {
    expect((await parseEml(fixture("phishing-pot/sample-400.eml"))).senderAddress).toBe("juliapolska1994@outlook.com");
    const obsolete = await parseEml(fixture("mikel-mail/example13.eml"));
    expect(obsolete).toMatchObject({ subject: "Saying Hello", senderDisplayName: expect.stringContaining("John Doe") });
  });

  it("accepts a first line that is a folded continuation, drops it and says so (CPython's test message)", async () => {
    // CPython's message has no From, so it is still refused, but no longer for its first line.
    await expect(parseEml(fixture("cpython/first-line-continuation.eml"))).rejects.toThrow(/no From header/);
    const folded = Buffer.concat([
      fixture("cpython/first-line-continuation.eml").subarray(0, " Line 1\n".length),
      fixture("phishing-pot/sample-400.eml"),
    ]);
    const message = await parseEml(folded);
    expect(message.senderAddress).toBe("juliapolska1994@outlook.com");
    expect(message.findings.map((finding) => finding.id)).toContain("header_first_line_folded");
  });

  it("accepts CR-only line endings (a GMX bounce saved on classic Mac OS, sisimai)", async () => {
    const raw = fixture("sisimai/mac-lhost-gmx-01.eml");
    expect(raw.includes(0x0a)).toBe(false);
    const message = await parseEml(raw);
    expect(message).toMatchObject({
      senderAddress: "mailer-daemon@mail.gmx.com",
      subject: expect.stringMatching(/^Mail delivery failed/),
    });
    expect(message.headers.length).toBeGreaterThan(5);
  });

  it("judges a From with no address best-effort, with a finding, and reads where replies go (phishing_pot 1301)", async () => {
    const message = await parseEml(fixture("phishing-pot/sample-1301.eml"));
    expect(message).toMatchObject({
      senderAddress: "",
      senderDomain: "",
      senderDisplayName: "Rachid Ramiro",
      replyTo: ["ericdnalson@gmail.com"],
    });
    expect(message.findings).toContainEqual({
      id: "from_no_address",
      evidence: 'The From header has no email address ("Rachid Ramiro")',
    });
    expect(await signalIds(fixture("phishing-pot/sample-1301.eml"))).toEqual(
      expect.arrayContaining(["sender.no_address", "auth.reply_to_freemail"]),
    );
  });

  it("judges a From that names no domain (`<MAILER-DAEMON>`, sisimai)", async () => {
    const message = await parseEml(fixture("sisimai/err-make-test-01.eml"));
    expect(message.senderAddress).toBe("");
    expect(message.findings).toContainEqual({
      id: "from_no_address",
      evidence: 'The From header has no email address ("Mail Delivery Subsystem <MAILER-DAEMON>")',
    });
  });
});

describe("what was passed silently, now a finding", () => {
  it("flags `noreply@theskimm,com` as no address, and the engine weighs it (phishing_pot 4271)", async () => {
    const { findings } = await parseEml(fixture("phishing-pot/sample-4271.eml"));
    expect(findings).toContainEqual({
      id: "address_malformed",
      evidence: "The From header holds what is not an email address: noreply@theskimm,com",
    });
    expect(await signalIds(fixture("phishing-pot/sample-4271.eml"))).toContain("sender.malformed_address");
  });

  it("flags a repeated Subject, and the engine weighs it (mikel/mail)", async () => {
    const { findings } = await parseEml(fixture("mikel-mail/raw_email_with_binary_encoded.eml"));
    expect(findings).toEqual([
      { id: "header_repeated", evidence: "The Subject header appears 2 times (a message has one)" },
    ]);
    expect(await signalIds(fixture("mikel-mail/raw_email_with_binary_encoded.eml"))).toContain(
      "headers.repeated_singleton",
    );
  });

  it("finds nothing wrong in well-formed mail", async () => {
    expect((await parseEml(fixture("lkml/swap-compression-x-uuencode.eml"))).findings).toEqual([]);
    expect((await parseEml(fixture("apparmor-list/calendar-invitation.eml"))).findings).toEqual([]);
  });
});

describe("the reported original inside a wrapper", () => {
  it("finds a message forwarded as an attachment, with who forwarded it (mikel/mail)", async () => {
    const reported = await extractReportedOriginal(fixture("mikel-mail/attachment_message_rfc822.eml"));
    expect(reported?.wrapper).toMatchObject({
      kind: "forward",
      senderAddress: "foo@example.com",
      subject: "testing",
      originalType: "message/rfc822",
    });
    const original = await parseReportedMessage(fixture("mikel-mail/attachment_message_rfc822.eml"));
    expect(original).toMatchObject({
      senderAddress: "xxxx@xxxx.com",
      subject: "Another PDF",
      wrapper: reported?.wrapper,
    });
    expect(original.attachments.map((file) => file.fileName)).toEqual(["broken.pdf"]);
  });

  it("finds the complained-of message of an ARF report, inline message/rfc822 (Amazon SES, sisimai)", async () => {
    const reported = await parseReportedMessage(fixture("sisimai/arf-14.eml"));
    expect(reported).toMatchObject({
      senderAddress: "kijitora@example.jp",
      subject: "Nyaan",
      wrapper: { kind: "abuse-report", senderAddress: "complaints@email-abuse.amazonses.com" },
    });
  });

  it("finds the headers a DMARC failure report or a bounce carries as text/rfc822-headers (sisimai)", async () => {
    expect(await parseReportedMessage(fixture("sisimai/arf-20.eml"))).toMatchObject({
      senderAddress: "sironeko@example.net",
      wrapper: { kind: "abuse-report", originalType: "text/rfc822-headers" },
    });
    expect(await parseReportedMessage(fixture("sisimai/err-make-test-01.eml"))).toMatchObject({
      senderAddress: "user1@example.jp",
      wrapper: { kind: "delivery-report" },
    });
  });

  it("judges the original of a spam report, with its own Reply-To (phishing_pot 2590)", async () => {
    const reported = await parseReportedMessage(fixture("phishing-pot/sample-2590.eml"));
    expect(reported).toMatchObject({
      subject: "PLEASE GET BACK TO US",
      replyTo: ["jonathan.okons@gmail.com"],
      wrapper: { kind: "forward" },
    });
    expect(reported.textBody).toMatch(/^Hello Friend/);
  });

  it("extracts the links and files of a real phish forwarded as an attachment, as Outlook's Report button sends it", async () => {
    for (const name of ["phishing-pot/sample-4271.eml", "phishing-pot/sample-3641.eml"]) {
      const phish = fixture(name);
      const forward = await new MailComposer({
        from: "Alice <alice@breakwater.test>",
        to: "phish-reports@breakwater.test",
        subject: "FW: suspicious",
        text: "Reported as phishing",
        attachments: [{ filename: "message.eml", content: phish, contentType: "message/rfc822" }],
      })
        .compile()
        .build();
      const direct = await parseEml(phish);
      const reported = await parseReportedMessage(forward);
      expect(reported.urls).toEqual(direct.urls);
      expect(reported.attachments.map((file) => file.sha256)).toEqual(direct.attachments.map((file) => file.sha256));
      expect(reported.wrapper).toMatchObject({
        kind: "forward",
        senderAddress: "alice@breakwater.test",
        subject: "FW: suspicious",
      });
      expect(sha256(reported.judgedRaw)).toBe(sha256(phish));
    }
  });

  it("is no wrapper for a message without an attached one, nor for what is not a message", async () => {
    expect(await extractReportedOriginal(fixture("phishing-pot/sample-400.eml"))).toBeUndefined();
    expect(await extractReportedOriginal(Buffer.from("not a message"))).toBeUndefined();
    expect((await parseReportedMessage(fixture("phishing-pot/sample-400.eml"))).wrapper).toBeNull();
    await expect(parseReportedMessage(Buffer.from("not a message"))).rejects.toBeInstanceOf(MalformedEmlError);
  });

  it("judges the wrapper, saying why, when the attached original cannot be read", async () => {
    const forward = await new MailComposer({
      from: "alice@breakwater.test",
      subject: "FW: this one",
      text: "see attached",
      attachments: [
        { filename: "message.eml", content: "Subject: no sender here\r\n\r\nbody", contentType: "message/rfc822" },
      ],
    })
      .compile()
      .build();
    const reported = await parseReportedMessage(forward);
    expect(reported).toMatchObject({ senderAddress: "alice@breakwater.test", wrapper: null });
    expect(reported.findings.map((finding) => finding.id)).toContain("original_unreadable");
  });
});
