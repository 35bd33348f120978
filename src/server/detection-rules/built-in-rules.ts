import "server-only";
import { SYSTEM } from "@/server/auth/principal";
import { prisma } from "@/server/db";
import { createDetectionRule } from "./detection-rules.service";
import { parseRuleFile } from "./rules-yaml";

// The rules Breakwater ships, written as the YAML a person would import (rules as code). They ship switched off:
// like Defender's templates, each is a starting point an admin turns on in Settings › Detection rules.
// Each is checked in tests/integration/built-in-detection-rules.int.test.ts: it fires on a simulated attack and stays
// quiet on the demo organisation's clean mail. Histories are bounded (ago) so that a run reads little besides its window.

export const BUILT_IN_RULE_FILES = [
  {
    name: "first-time-sender-mass-link-new-host.yaml",
    content: `name: First-time sender mails many recipients a link to a new host
description: >-
  An external sender with no mail in the last 30 days writes to 10 or more recipients within the hour, with a link to a
  host no message linked to in the last 30 days: the shape of a fresh phishing campaign.
severity: High
category: Initial access
frequency: 5m
lookBackMinutes: 60
entityColumns: [SenderFromAddress, NetworkMessageId, RecipientEmailAddress, Url]
action: AlertOnly
isEnabled: false
query: |
  let newHostLinks = EmailUrlInfo
  | where Timestamp > ago(1h)
  | join kind=leftanti (EmailUrlInfo | where Timestamp between (ago(30d) .. ago(1h))) on UrlDomain;
  let massSenders = EmailEvents
  | where Timestamp > ago(1h) and EmailDirection == "Inbound"
  | summarize Recipients = dcount(RecipientEmailAddress) by SenderFromAddress
  | where Recipients >= 10
  | join kind=leftanti (EmailEvents | where Timestamp between (ago(30d) .. ago(1h))) on SenderFromAddress;
  EmailEvents
  | where Timestamp > ago(1h) and EmailDirection == "Inbound" and UrlCount > 0
  | where SenderFromAddress in (massSenders)
  | join kind=inner (newHostLinks | project NetworkMessageId, Url) on NetworkMessageId
  | project Timestamp, SenderFromAddress, NetworkMessageId, RecipientEmailAddress, Url, Subject
`,
  },
  {
    name: "attachment-hash-seen-as-malware.yaml",
    content: `name: Attachment hash seen as malware elsewhere
description: >-
  A file reached a mailbox without a malware verdict while a copy with the same SHA-256 was judged malware in another
  message in the last 30 days: the copies that got through.
severity: High
category: Malware
frequency: 5m
lookBackMinutes: 60
entityColumns: [SHA256, NetworkMessageId, RecipientEmailAddress, SenderFromAddress]
action: AlertOnly
isEnabled: false
query: |
  EmailAttachmentInfo
  | where ThreatTypes !has "Malware"
  | where SHA256 in (EmailAttachmentInfo | where Timestamp > ago(30d) and ThreatTypes has "Malware" | project SHA256)
  | project Timestamp, SHA256, FileName, NetworkMessageId, RecipientEmailAddress, SenderFromAddress
`,
  },
  {
    name: "click-on-url-judged-malicious.yaml",
    content: `name: Click on a URL later judged malicious
description: >-
  Someone clicked through to a URL that was allowed at the time, and a message of the last day carrying the same URL
  has been judged phish or malware: the account may have given its password away.
severity: Medium
category: Credential access
frequency: 5m
lookBackMinutes: 60
entityColumns: [AccountUpn, Url, NetworkMessageId]
action: AlertOnly
isEnabled: false
query: |
  let clickedThrough = UrlClickEvents
  | where Timestamp > ago(1h) and ActionType == "ClickAllowed" and IsClickedThrough == true;
  let judgedMessages = EmailEvents
  | where Timestamp > ago(1d) and ThreatTypes has_any ("Phish", "Malware")
  | project NetworkMessageId;
  let judgedUrls = EmailUrlInfo
  | where Url in (clickedThrough | project Url) and NetworkMessageId in (judgedMessages)
  | project Url;
  clickedThrough
  | where Url in (judgedUrls)
  | project Timestamp, AccountUpn, Url, NetworkMessageId, IPAddress
`,
  },
] as const;

/** The built-in rules, parsed (and their queries compiled) as any import is. */
export function builtInRules() {
  return BUILT_IN_RULE_FILES.flatMap((file) => parseRuleFile(file, `built-in/${file.name}`));
}

/** Adds the built-in rules a database does not have yet, by name; a person's later changes to them are theirs. */
export async function ensureBuiltInRules(): Promise<void> {
  const existing = new Set(
    (await prisma.detectionRule.findMany({ where: { isBuiltIn: true }, select: { name: true } })).map(
      (row) => row.name,
    ),
  );
  for (const rule of builtInRules()) {
    if (existing.has(rule.name)) continue;
    await createDetectionRule(rule, SYSTEM, { isBuiltIn: true }).catch((error: unknown) => {
      // Another process starting at the same moment made it first.
      if (!(error instanceof Error && /already exists/.test(error.message))) throw error;
    });
  }
}
