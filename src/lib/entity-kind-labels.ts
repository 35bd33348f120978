import { humanize } from "./labels";

// Evidence.kind is free text so playbooks can add kinds without a migration; these are the ones known today, in the
// words Defender's Entities tab and graph use.
const ENTITY_KIND_LABELS: Record<string, string> = {
  mailbox: "Mailbox",
  email: "Email",
  emailCluster: "Email cluster",
  url: "URL",
  file: "File",
  ip: "IP address",
  sender: "Sender",
  campaign: "Campaign",
  forwarding: "SMTP forwarding",
  inboxRule: "Inbox rule",
  mfaMethod: "MFA method",
  appConsent: "App consent",
  role: "Admin role",
  logon: "Sign-in anomaly",
};

export function entityKindLabel(kind: string): string {
  return ENTITY_KIND_LABELS[kind] ?? humanize(kind);
}

/** The plural a "+12 more …" node reads. */
export function entityKindPlural(kind: string): string {
  const label = entityKindLabel(kind);
  const word = /^[A-Z]{2,}/.test(label) ? label : label.toLowerCase();
  return /s$/.test(word) ? word : `${word}s`;
}
