import "server-only";
import { createHash } from "node:crypto";
import { simpleParser } from "mailparser";
import { errorText } from "@/lib/error-text";
import type { TPrincipal } from "@/server/auth/principal";
import { prisma } from "@/server/db";
import { AppError } from "@/server/http/app-error";
import { MalformedEmlError } from "@/server/submissions/parse-eml";
import { submitMessage } from "@/server/submissions/submit-message";
import { extractReportedOriginal } from "./extract-reported-original";
import { findReporter } from "./find-reporter";
import { notifyReporters } from "./notify-reporter";
import { detectReportType } from "./report-type";
import type { TUserReportedConfig } from "./user-reported-settings.service";

// One item of the reporting mailbox, from its bytes to a submission (the same service as POST /api/v1/submissions)
// or to the reason it cannot be one. The item's Message-ID is the key: Submission.reportingItemId is unique, so the
// submission and the key commit together, and an item read again (a restart between the submission and the move, a
// second reader) finds it instead of reporting it twice.

export type TItemOutcome =
  | { itemId: string; status: "processed"; submissionId: string }
  | { itemId: string; status: "unusable"; reason: string };

const READER: TPrincipal = { kind: "system", id: null, name: "Reporting mailbox", role: "admin" };

type TWrapper = { itemId: string; subject: string; received: string[]; reportTypeHeader: string | null };

export async function handleReportingItem(
  raw: Buffer,
  settings: TUserReportedConfig,
  orgDomains: readonly string[],
): Promise<TItemOutcome> {
  const wrapper = await readWrapper(raw, settings.reportTypeHeader);
  const known = await prisma.reportingItem.findUnique({ where: { itemId: wrapper.itemId } });
  if (known)
    return known.status === "processed" && known.submissionId
      ? { itemId: known.itemId, status: "processed", submissionId: known.submissionId }
      : { itemId: known.itemId, status: "unusable", reason: known.reason ?? "set aside before" };

  const reporter = findReporter(wrapper.received, orgDomains);
  if ("reason" in reporter) return setAside(wrapper, reporter.reason);
  const original = await extractReportedOriginal(raw).catch(() => null);
  if (!original)
    return setAside(
      wrapper,
      "no reported message in it: neither an attached message (message/rfc822 or .eml) nor an inline forward",
      reporter.reporter,
    );
  const reportType = detectReportType(
    { headerValue: wrapper.reportTypeHeader, subject: wrapper.subject },
    { header: settings.reportTypeHeader, subjectTags: settings.subjectTags, defaultType: settings.defaultReportType },
  ).type;

  let submissionId: string;
  try {
    // An attached original goes in with its wrapper, which the submission service unwraps once (keeping who forwarded
    // it as context); an inline forward is already the rebuilt original, with nothing left to unwrap.
    const reported = original.isInlineForward ? original.raw : raw;
    ({ submissionId } = await submitMessage(
      {
        kind: "eml",
        raw: reported,
        reporter: reporter.reporter,
        reportingItem: { itemId: wrapper.itemId, reportType, isInlineForward: original.isInlineForward },
      },
      READER,
    ));
  } catch (error) {
    // What the upload route would answer 400 to (not an email message, no sender) never gets better: set aside, so one
    // bad item does not stop the ones behind it. Anything else (the database away) fails the pass, to be tried again.
    if (error instanceof MalformedEmlError)
      return setAside(wrapper, `the reported message cannot be read: ${error.message}`, reporter.reporter);
    if (error instanceof AppError && error.code === "BAD_REQUEST")
      return setAside(wrapper, `the reported message was refused: ${error.message}`, reporter.reporter);
    if (!isUniqueViolation(error)) throw error;
    // Reported already by a reader that stopped before it recorded the item.
    submissionId = (
      await prisma.submission.findUniqueOrThrow({ where: { reportingItemId: wrapper.itemId }, select: { id: true } })
    ).id;
  }
  await prisma.reportingItem.createMany({
    data: [
      {
        itemId: wrapper.itemId,
        status: "processed",
        reporter: reporter.reporter,
        reportType,
        isInlineForward: original.isInlineForward,
        subject: wrapper.subject.slice(0, 1000),
        submissionId,
      },
    ],
    skipDuplicates: true,
  });
  // A report that joined a run already judged has its verdict now: no step will run to tell the reporter.
  await notifyReporters([submissionId], "verdict");
  return { itemId: wrapper.itemId, status: "processed", submissionId };
}

async function setAside(wrapper: TWrapper, reason: string, reporter: string | null = null): Promise<TItemOutcome> {
  await prisma.reportingItem.createMany({
    data: [{ itemId: wrapper.itemId, status: "unusable", reason, reporter, subject: wrapper.subject.slice(0, 1000) }],
    skipDuplicates: true,
  });
  return { itemId: wrapper.itemId, status: "unusable", reason };
}

async function readWrapper(raw: Buffer, reportTypeHeader: string): Promise<TWrapper> {
  try {
    const mail = await simpleParser(raw, {
      skipHtmlToText: true,
      skipTextToHtml: true,
      skipTextLinks: true,
      skipImageLinks: true,
    });
    const unfold = (line: string) => line.replace(/\r?\n[ \t]+/g, " ").replace(/^[^:]*:\s*/, "");
    const header = mail.headerLines.find((line) => line.key === reportTypeHeader.toLowerCase());
    return {
      itemId: mail.messageId?.slice(0, 1000) || hashId(raw),
      subject: (mail.subject ?? "").replace(/\u0000/g, ""),
      received: mail.headerLines.filter((line) => line.key === "received").map((line) => unfold(line.line)),
      reportTypeHeader: header ? unfold(header.line) : null,
    };
  } catch (error) {
    return {
      itemId: hashId(raw),
      subject: `(unreadable item: ${errorText(error)})`,
      received: [],
      reportTypeHeader: null,
    };
  }
}

// An item without a Message-ID is known by its bytes, which stay the same each time it is read.
const hashId = (raw: Buffer) => `<sha256-${createHash("sha256").update(raw).digest("hex")}@reporting-mailbox.invalid>`;

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && "code" in error && error.code === "P2002";
}
