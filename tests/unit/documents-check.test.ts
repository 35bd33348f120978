import { describe, expect, it } from "vitest";
import { BUILT_IN_BRANDS } from "@/server/verdicts/brands";
import { documentsCheck } from "@/server/verdicts/checks/documents";
import type { TDocumentContents, TEmailAttachment } from "@/server/verdicts/email-input";
import { judgeEmail } from "@/server/verdicts/judge-email";
import { emptyTenantContext } from "@/server/verdicts/tenant-context";
import { engineEmail } from "../factories/engine-email";

const context = emptyTenantContext({ brands: BUILT_IN_BRANDS, orgDomains: ["contoso.com"] });
const pdf = (document: Partial<TDocumentContents>): TEmailAttachment => ({
  fileName: "statement.pdf",
  contentType: "application/pdf",
  size: 40_000,
  sha256: "a".repeat(64),
  document: { text: "", links: [], pages: 1, isEncrypted: false, ...document },
});
const run = (attachment: TEmailAttachment) =>
  documentsCheck.run(engineEmail({ textBody: "Please see the attached file.", attachments: [attachment] }), context);
const ids = (attachment: TEmailAttachment) => run(attachment).map((signal) => signal.id);

describe("the documents check", () => {
  it("reads the lure and the link out of a PDF: Malicious, with the file named in the evidence", () => {
    const lure = pdf({
      text: "Your account has been suspended. Verify your account to restore access.",
      links: ["https://restore-access.example/login"],
    });
    expect(ids(lure)).toEqual(["attachments.document_lure", "attachments.document_link"]);
    expect(run(lure)[0].evidence).toBe(
      'statement.pdf asks to verify or update an account or its credentials ("verify your account")',
    );
    expect(
      judgeEmail(engineEmail({ textBody: "Please see the attached file.", attachments: [lure] }), context),
    ).toMatchObject({ verdict: "Malicious", threatType: "Phish" });
  });

  it("judges the document's links as the body's: a free host is named as such", () => {
    expect(ids(pdf({ text: "r6WceZWcCCv8YN", links: ["https://okokoaksoa.z13.web.core.windows.net/"] }))).toEqual([
      "attachments.document_link",
      "attachments.document_free_hosting",
    ]);
    expect(ids(pdf({ text: "Form", links: ["https://script.google.com/macros/s/AKfy/exec"] }))).toContain(
      "attachments.document_free_hosting",
    );
  });

  it("weighs an invoice lower than a credential lure, and a lure with no link lower than one with a link", () => {
    const weight = (attachment: TEmailAttachment) =>
      run(attachment).find((signal) => signal.id === "attachments.document_lure")?.weight;
    expect(weight(pdf({ text: "Overdue invoice attached", links: ["https://pay.example/i"] }))).toBe(1.5);
    expect(weight(pdf({ text: "Your password will expire today" }))).toBe(1.5);
    expect(weight(pdf({ text: "Your password will expire today", links: ["https://x.example/"] }))).toBe(2.5);
  });

  it("names words written with look-alike letters of another script in the document", () => {
    expect(ids(pdf({ text: "Wе trust thіs mеssаgе rеаchеs yоu" }))).toEqual(["attachments.document_disguised_words"]);
  });

  it("names a PDF locked with a password, which no scanner can read", () => {
    expect(ids(pdf({ isEncrypted: true, pages: 0 }))).toEqual(["attachments.encrypted_document"]);
  });

  it("finds nothing in an ordinary document, one linking to the sender's own site, or a file it did not read", () => {
    expect(
      ids(
        pdf({
          text: "Minutes of the meeting of 3 March. Present: Ada, Maria.",
          links: ["https://www.fabrikam.com/minutes"],
        }),
      ),
    ).toEqual([]);
    expect(ids({ ...pdf({}), document: null })).toEqual([]);
    expect(judgeEmail(engineEmail({ attachments: [pdf({ text: "Agenda for Tuesday" })] }), context).verdict).toBe(
      "Clean",
    );
  });
});
