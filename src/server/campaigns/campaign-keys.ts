import type { THeader } from "@/server/submissions/message-headers";
import { learnableKeys } from "@/server/verdicts/learned-verdicts";
import { reportedReplyTo } from "./reply-to";

export const CAMPAIGN_KEY_KINDS = ["messageId", "sender", "replyTo", "urlHost", "sha256", "bodyFingerprint"] as const;
export type TCampaignKeyKind = (typeof CAMPAIGN_KEY_KINDS)[number];
export type TCampaignKey = { kind: TCampaignKeyKind; value: string };

export type TKeyedReport = {
  internetMessageId: string | null;
  senderAddress: string;
  replyTo?: string[] | null;
  headers?: THeader[] | null;
  urls: { url: string }[];
  attachments: { sha256: string }[];
  bodyFingerprint: string | null;
};

/**
 * What links one report to others: the same message (Message-ID), and the keys an analyst's assessment is learnt on
 * (learned-verdicts.ts) — sender, Reply-To, link hosts but the excluded ones (link-exclusions.ts), files, body — so a
 * campaign and what its assessment teaches are the same thing.
 */
export function campaignKeys(report: TKeyedReport, excludedHosts: readonly string[]): TCampaignKey[] {
  const learnable = learnableKeys(
    { ...report, replyTo: reportedReplyTo(report) },
    report.bodyFingerprint,
    excludedHosts,
  );
  return [
    ...(report.internetMessageId ? [{ kind: "messageId" as const, value: report.internetMessageId }] : []),
    ...learnable,
  ];
}
