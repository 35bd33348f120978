import "server-only";
import { prisma } from "@/server/db";
import { notFound } from "@/server/http/app-error";
import type { TAuthentication } from "./message-headers";
import { MAX_URLS } from "./message-urls";
import type { TParsedMessage } from "./parse-eml";

/** What a submission knows of the reported message, from the .eml or from the stored copies. */
export type TMessageSummary = Omit<TParsedMessage, "bodyFingerprint"> & {
  networkMessageId: string | null;
  bodyFingerprint: string | null;
};

const MAX_RECIPIENTS = 1000;

/**
 * The stored copies of the message a .eml reports, by its Message-ID: the NetworkMessageId of the copy delivered to
 * the reporter when there is one (that is the copy they saw), else of any copy; null when the mail was never stored.
 */
export async function storedNetworkMessageId(
  internetMessageId: string | null,
  reporter: string,
): Promise<string | null> {
  if (!internetMessageId) return null;
  const select = { networkMessageId: true } as const;
  const copy =
    (await prisma.emailEvent.findFirst({ where: { internetMessageId, recipientEmailAddress: reporter }, select })) ??
    (await prisma.emailEvent.findFirst({ where: { internetMessageId }, select, orderBy: { timestamp: "desc" } }));
  return copy?.networkMessageId ?? null;
}

/** The same summary a .eml gives, from the stored copies of a message named by its NetworkMessageId; 404 when none. */
export async function storedMessageSummary(networkMessageId: string, reporter: string): Promise<TMessageSummary> {
  const [reporterCopy, anyCopy, recipients, urls, attachments] = await Promise.all([
    prisma.emailEvent.findFirst({ where: { networkMessageId, recipientEmailAddress: reporter } }),
    prisma.emailEvent.findFirst({ where: { networkMessageId }, orderBy: { id: "asc" } }),
    prisma.emailEvent.findMany({
      where: { networkMessageId },
      select: { recipientEmailAddress: true },
      orderBy: { id: "asc" },
      take: MAX_RECIPIENTS,
    }),
    prisma.emailUrlInfo.findMany({
      where: { networkMessageId },
      select: { url: true, urlDomain: true },
      orderBy: { id: "asc" },
      take: MAX_URLS,
    }),
    prisma.emailAttachmentInfo.findMany({
      where: { networkMessageId },
      distinct: ["sha256"],
      select: { fileName: true, fileType: true, fileSize: true, sha256: true },
      orderBy: { sha256: "asc" },
    }),
  ]);
  const copy = reporterCopy ?? anyCopy;
  if (!copy) throw notFound(`A message with NetworkMessageId ${networkMessageId}`);
  return {
    networkMessageId,
    internetMessageId: copy.internetMessageId,
    subject: copy.subject,
    senderAddress: copy.senderFromAddress,
    senderDisplayName: copy.senderDisplayName,
    senderDomain: copy.senderFromDomain,
    mailFromAddress: copy.senderMailFromAddress,
    recipients: recipients.map((row) => row.recipientEmailAddress),
    sentAt: copy.timestamp,
    senderIPv4: copy.senderIPv4,
    authentication: storedAuthentication(copy.authenticationDetails),
    // The store keeps no headers or bodies: what the message said is known only from a .eml.
    replyTo: [],
    headers: [],
    contentType: "",
    textBody: "",
    html: "",
    urls: urls.map((row) => ({ url: row.url, domain: row.urlDomain, linkText: null })),
    // The store keeps a file type ("pdf"), not a MIME type.
    attachments: attachments.map((row) => ({
      fileName: row.fileName,
      contentType: row.fileType,
      size: row.fileSize,
      sha256: row.sha256,
    })),
    bodyFingerprint: copy.bodyFingerprint,
    findings: [],
  };
}

// Stored as Defender's columns spell it, { SPF, DKIM, DMARC, CompAuth }; a missing one reads as "none" like a header would.
function storedAuthentication(details: unknown): TAuthentication {
  const stored = (details && typeof details === "object" ? details : {}) as Record<string, unknown>;
  const word = (key: string) =>
    typeof stored[key] === "string" && stored[key] ? (stored[key] as string).toLowerCase() : "none";
  return { spf: word("SPF"), dkim: word("DKIM"), dmarc: word("DMARC"), compAuth: word("CompAuth") };
}
