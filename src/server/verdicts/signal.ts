// The contract every check of the detection engine returns: a named, weighted piece of evidence in words. Checks are
// pure; the engine adds the weights per threat type and turns the sums into a verdict (judge-signals.ts).

export const SIGNAL_CATEGORIES = [
  "authentication",
  "impersonation",
  "content",
  "links",
  "attachments",
  "bulk",
  "system",
  "tenant",
  "intel",
  "rspamd",
  "learned",
] as const;
export type TSignalCategory = (typeof SIGNAL_CATEGORIES)[number];

export const SIGNAL_THREAT_TYPES = ["Phish", "Malware", "Spam", "Bulk"] as const;
export type TSignalThreatType = (typeof SIGNAL_THREAT_TYPES)[number];

export type TSignal = {
  /** Stable, dotted id, e.g. "auth.dmarc_fail", "rspamd.MIME_BAD_EXTENSION"; what an analyst filters and counts on. */
  id: string;
  category: TSignalCategory;
  /** Towards a threat when positive, towards clean when negative. About 1 = weak, 3 = strong, 6+ = decisive. */
  weight: number;
  /** The threat the signal points at; null for signals that only raise or lower suspicion in general. */
  threatType: TSignalThreatType | null;
  /** What was seen, in words an analyst reads on the submission ("DMARC fail for paypa1.com (p=reject)"). */
  evidence: string;
  /** The link, file or sender the signal is about, when it is about one: the playbook clusters on these. */
  entity?: { kind: "url" | "file" | "sender"; value: string };
};
