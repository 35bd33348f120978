import "server-only";
import { simpleParser, type AddressObject, type Attachment, type SimpleParserOptions } from "mailparser";
import { MalformedEmlError } from "./malformed-eml-error";
import { parseEml, type TParsedMessage } from "./parse-eml";
import { normalizedMessage } from "./raw-message";

/** How the reported original came: forwarded as an attachment, or inside a delivery report or an abuse (ARF) report. */
export type TWrapperKind = "forward" | "delivery-report" | "abuse-report";

/** The message that carried the reported original, kept as context: who forwarded it, and what they wrote on it. */
export type TReportWrapper = {
  kind: TWrapperKind;
  senderAddress: string;
  senderDisplayName: string;
  subject: string;
  internetMessageId: string | null;
  sentAt: string | null;
  /** message/rfc822 (the whole original) or text/rfc822-headers (its headers only, as many bounces and ARF reports carry). */
  originalType: string;
};

const MAX_WRAPPER_TEXT = 500;

/**
 * The reported original inside a wrapper, when the message is one: a message/rfc822 part (a forward as attachment,
 * as Outlook's Report button sends; the returned message of a delivery report; the message an ARF report is about),
 * else a text/rfc822-headers part, else an attached `.eml`. The first such part at any depth is the original; a
 * message without one is no wrapper (undefined), and so is what is not a message at all (parseEml says why).
 * Pure: the reporting mailbox and the submission route both call it.
 */
export async function extractReportedOriginal(
  raw: Buffer,
): Promise<{ original: Buffer; wrapper: TReportWrapper } | undefined> {
  let mail: Awaited<ReturnType<typeof simpleParser>>;
  try {
    // ignoreEmbedded (a mailsplit option mailparser passes on): an inline message/rfc822 stays one part with its bytes,
    // instead of being read into the carrying message's body.
    const options = {
      ignoreEmbedded: true,
      skipHtmlToText: true,
      skipTextToHtml: true,
      skipTextLinks: true,
      keepCidLinks: true,
    };
    mail = await simpleParser(normalizedMessage(raw).source, options as SimpleParserOptions);
  } catch {
    return undefined;
  }
  const part = originalPart(mail.attachments);
  if (!part) return undefined;
  const from = (mail.from as AddressObject | undefined)?.value[0];
  const date = mail.headers.get("date") ? mail.date : undefined;
  return {
    original: part.content,
    wrapper: {
      kind: wrapperKind(mail.headers.get("content-type")),
      senderAddress: (from?.address ?? "").toLowerCase().slice(0, 320),
      senderDisplayName: clip(from?.name ?? ""),
      subject: clip(mail.subject ?? ""),
      internetMessageId: mail.messageId?.slice(0, MAX_WRAPPER_TEXT) ?? null,
      sentAt: date && !Number.isNaN(date.getTime()) ? date.toISOString() : null,
      originalType: part.contentType,
    },
  };
}

export type TReportedMessage = TParsedMessage & { wrapper: TReportWrapper | null; judgedRaw: Buffer };

/**
 * What a report judges: the original when the upload wraps one, else the upload itself. An original that cannot be
 * read as a message leaves the wrapper to be judged, with a finding that says so.
 */
export async function parseReportedMessage(raw: Buffer): Promise<TReportedMessage> {
  const reported = await extractReportedOriginal(raw);
  if (reported) {
    try {
      return { ...(await parseEml(reported.original)), wrapper: reported.wrapper, judgedRaw: reported.original };
    } catch (error) {
      if (!(error instanceof MalformedEmlError)) throw error;
      const wrapper = await parseEml(raw);
      const finding = {
        id: "original_unreadable" as const,
        evidence: `The attached original (${reported.wrapper.originalType}) could not be read: ${error.message}; the carrying message was judged`,
      };
      return { ...wrapper, findings: [...wrapper.findings, finding], wrapper: null, judgedRaw: raw };
    }
  }
  return { ...(await parseEml(raw)), wrapper: null, judgedRaw: raw };
}

function originalPart(attachments: Attachment[]): Attachment | undefined {
  return (
    attachments.find((part) => part.contentType === "message/rfc822" || part.contentType === "message/global") ??
    attachments.find(
      (part) => part.contentType === "text/rfc822-headers" || part.contentType === "message/global-headers",
    ) ??
    attachments.find((part) => /\.eml$/i.test(part.filename ?? "") && part.content.length > 0)
  );
}

function wrapperKind(contentType: unknown): TWrapperKind {
  const header = contentType as { value?: string; params?: Record<string, string> } | undefined;
  if (header?.value?.toLowerCase() !== "multipart/report") return "forward";
  const reportType = header.params?.["report-type"]?.toLowerCase();
  return reportType === "feedback-report"
    ? "abuse-report"
    : reportType === "delivery-status"
      ? "delivery-report"
      : "forward";
}

const clip = (text: string) => text.replaceAll("\u0000", "").slice(0, MAX_WRAPPER_TEXT);
