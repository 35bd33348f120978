// The kinds and threat types of threat indicators, shared by the import schema and the Threat intelligence page.

export const INDICATOR_KINDS = ["url", "domain", "sha256", "ip", "sender"] as const;
export type TIndicatorKind = (typeof INDICATOR_KINDS)[number];

export const INDICATOR_KIND_LABELS: Record<TIndicatorKind, string> = {
  url: "URL",
  domain: "Domain",
  sha256: "File (SHA-256)",
  ip: "IP address",
  sender: "Sender",
};

export const THREAT_TYPES = ["Phish", "Malware", "Spam"] as const;
export type TThreatType = (typeof THREAT_TYPES)[number];
