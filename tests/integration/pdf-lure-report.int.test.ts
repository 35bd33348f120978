import MailComposer from "nodemailer/lib/mail-composer";
import { beforeAll, describe, expect, it } from "vitest";
import type { TPrincipal } from "@/server/auth/principal";
import { bootstrap } from "@/server/bootstrap/bootstrap";
import { prisma } from "@/server/db";
import { runInvestigation } from "@/server/engine/run-investigation";
import { submitMessage } from "@/server/submissions/submit-message";
import { uniqueTag } from "../factories/console";
import { minimalPdf } from "../factories/pdf";

const ANALYST: TPrincipal = { kind: "user", id: null, name: "Olga Analyst", role: "operator" };

beforeAll(async () => {
  await bootstrap({ adminEmail: "admin@test.test", adminPassword: "a-long-admin-password" });
});

// The body says nothing; the lure and its link are on the attached PDF's page, out of reach of body filters.
async function reportPdf(tag: string, pdf: Buffer) {
  const raw = await new MailComposer({
    from: `"Accounts" <accounts@mailer-${tag}.test>`,
    to: "alice@breakwater.test",
    subject: `Document ${tag}`,
    text: "Please see the attached document.",
    attachments: [{ filename: `notice-${tag}.pdf`, content: pdf, contentType: "application/pdf" }],
  })
    .compile()
    .build();
  const submitted = await submitMessage({ kind: "eml", raw, reporter: "alice@breakwater.test" }, ANALYST);
  await runInvestigation(submitted.investigationId, { isLastAttempt: false });
  return prisma.submission.findUniqueOrThrow({ where: { id: submitted.submissionId } });
}

describe("a reported message whose lure is in a PDF", () => {
  it("is judged Malicious from the PDF's text and link, the file named in the evidence", async () => {
    const tag = uniqueTag();
    const pdf = minimalPdf({
      lines: ["Your account has been suspended.", "Verify your account to restore access."],
      link: `https://restore-${tag}.example/login`,
    });
    const submission = await reportPdf(tag, pdf);
    expect(
      (submission.details as { attachments: { document?: { links: string[] } }[] }).attachments[0].document?.links,
    ).toEqual([`https://restore-${tag}.example/login`]);
    expect(submission.verdict).toBe("Malicious");
    const signals = (submission.detection as { signals: { id: string; evidence: string }[] }).signals;
    expect(signals.map((signal) => signal.id)).toEqual(
      expect.arrayContaining(["attachments.document_lure", "attachments.document_link"]),
    );
    expect(signals.find((signal) => signal.id === "attachments.document_lure")?.evidence).toContain(
      `notice-${tag}.pdf`,
    );
  });

  it("is not judged a threat for an ordinary PDF", async () => {
    const tag = uniqueTag();
    const submission = await reportPdf(
      tag,
      minimalPdf({ lines: ["Minutes of the meeting of 3 March.", "Present: Ada, Maria."] }),
    );
    expect(submission.verdict).toBe("Clean");
  });
});
