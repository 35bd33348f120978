import "server-only";
import { z } from "zod";
import { reportedReplyTo } from "@/server/campaigns/reply-to";
import { getSubmission } from "./submissions.queries";

// The headers an analyst reads to judge a message, in the order they read them; every Received hop is kept.
const HEADERS_THAT_MATTER = new Set([
  "from",
  "sender",
  "reply-to",
  "return-path",
  "to",
  "cc",
  "date",
  "subject",
  "message-id",
  "received",
  "authentication-results",
  "received-spf",
  "dkim-signature",
  "arc-authentication-results",
  "x-originating-ip",
  "x-mailer",
  "user-agent",
  "list-unsubscribe",
  "x-ms-exchange-organization-scl",
  "content-type",
]);
const MAX_HEADERS = 60;

const ZText = z.string().catch("");
const ZDetails = z.object({
  senderDisplayName: ZText,
  mailFromAddress: ZText,
  recipients: z.array(z.string()).catch([]),
  sentAt: z.string().nullable().catch(null),
  senderIPv4: z.string().nullable().catch(null),
  authentication: z.record(z.string(), z.string()).catch({}),
  replyTo: z.array(z.string()).catch([]),
  headers: z.array(z.object({ key: z.string(), value: z.string() })).catch([]),
  urls: z.array(z.object({ url: z.string(), domain: ZText, linkText: z.string().nullable().catch(null) })).catch([]),
  attachments: z
    .array(
      z.object({
        fileName: ZText,
        contentType: ZText,
        size: z.number().catch(0),
        sha256: ZText,
        hasMacros: z.boolean().optional().catch(undefined),
        archive: z
          .object({ entries: z.array(z.string()).catch([]), isEncrypted: z.boolean().catch(false) })
          .nullable()
          .optional()
          .catch(null),
      }),
    )
    .catch([]),
});
const ZDetection = z.object({
  confidence: z.string().optional().catch(undefined),
  score: z.number().optional().catch(undefined),
  summary: z.string().optional().catch(undefined),
  bulkComplaintLevel: z.number().nullable().optional().catch(undefined),
  detectionMethods: z.array(z.string()).optional().catch(undefined),
  rspamd: z.string().nullable().optional().catch(undefined),
  signals: z
    .array(z.object({ id: z.string(), category: ZText, weight: z.number().catch(0), evidence: ZText }))
    .catch([]),
});

/** What the submission page shows: the report, the message's facts read back from what was parsed, the verdict with its evidence, the campaign. */
export async function getSubmissionView(id: string) {
  const submission = await getSubmission(id);
  if (!submission) return null;
  const details = ZDetails.parse(submission.details ?? {});
  const detection = ZDetection.parse(submission.detection ?? {});
  return {
    ...submission,
    details: {
      ...details,
      replyTo: reportedReplyTo(details),
      headers: details.headers
        .filter((header) => HEADERS_THAT_MATTER.has(header.key.toLowerCase()))
        .slice(0, MAX_HEADERS),
      headerCount: details.headers.length,
    },
    detection,
  };
}
export type TSubmissionView = NonNullable<Awaited<ReturnType<typeof getSubmissionView>>>;
