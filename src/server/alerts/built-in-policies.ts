import type { Severity } from "@/generated/prisma/enums";

// The alert policies Breakwater ships with (DESIGN.md). Ids are stable slugs; names are the ones users know.
export const BUILT_IN_POLICIES: {
  id: string;
  name: string;
  description: string;
  category: string;
  severity: Severity;
  settings: object;
}[] = [
  {
    id: "suspicious-email-sending-patterns",
    name: "Suspicious email sending patterns detected",
    description:
      "A user's outbound mail departs from that user's own baseline: volume, new and external recipients, share judged spam or phish.",
    category: "Threat management",
    severity: "Medium",
    settings: {},
  },
  {
    id: "email-sending-limit-exceeded",
    name: "Email sending limit exceeded",
    description: "A user passed the outbound recipient limits (per minute / per day).",
    category: "Threat management",
    severity: "Medium",
    settings: { recipientsPerDay: 10_000, messagesPerMinute: 30 },
  },
  {
    id: "user-restricted-from-sending",
    name: "User restricted from sending email",
    description: "The user was blocked from sending email.",
    category: "Threat management",
    severity: "High",
    settings: {},
  },
  {
    id: "email-reported-by-user",
    name: "Email reported by user as malware or phish",
    description: "A user reported a message; the user-reported message playbook starts.",
    category: "Threat management",
    severity: "Informational",
    settings: {},
  },
  {
    id: "investigation-triggered-manually",
    name: "Investigation triggered manually",
    description: "Someone triggered an investigation from Threat Explorer.",
    category: "Threat management",
    severity: "Informational",
    settings: {},
  },
  {
    id: "custom-detection-rule",
    name: "Custom detection rule",
    description:
      "A custom detection rule (Settings › Detection rules) matched: the alert names the rule, with the rule's own severity and category.",
    category: "Threat management",
    severity: "Medium",
    settings: {},
  },
];
