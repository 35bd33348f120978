// What a custom detection rule can be set to, for the API's schemas and the console's forms alike.

export const FREQUENCY_LABELS = { "5m": "Every 5 minutes", "1h": "Every hour", "24h": "Every 24 hours" } as const;
export type TFrequency = keyof typeof FREQUENCY_LABELS;

/** The result columns that can name an impacted entity (Defender's impacted-entity columns for email). */
export const ENTITY_COLUMNS = [
  "NetworkMessageId",
  "RecipientEmailAddress",
  "SenderFromAddress",
  "AccountUpn",
  "Url",
  "SHA256",
] as const;
export type TEntityColumn = (typeof ENTITY_COLUMNS)[number];

export const RULE_ACTION_LABELS = {
  AlertOnly: "Raise an alert only",
  StartInvestigation: "Start an investigation (Manual on the messages, compromised user on the users)",
  RecommendEmailAction:
    "Recommend an email action (soft delete: pending approval, or automated where Automation settings allow it)",
} as const;
export type TRuleAction = keyof typeof RULE_ACTION_LABELS;

export const RULE_SEVERITIES = ["Informational", "Low", "Medium", "High"] as const;

/** Look-backs offered in the console, in minutes; the API takes any from 5 minutes to 30 days. */
export const LOOK_BACK_OPTIONS = [
  { minutes: 60, label: "1 hour" },
  { minutes: 240, label: "4 hours" },
  { minutes: 1440, label: "1 day" },
  { minutes: 10080, label: "7 days" },
  { minutes: 43200, label: "30 days" },
] as const;

/** A look-back as the console says it: its option's label, or the minutes the API or an import set. */
export const lookBackLabel = (minutes: number) =>
  LOOK_BACK_OPTIONS.find((option) => option.minutes === minutes)?.label ?? `${minutes.toLocaleString("en-US")} minutes`;

/** Several rules' YAML files as one file of YAML documents, which an import reads back rule by rule. */
export const joinRuleFiles = (files: { content: string }[]) => files.map((file) => file.content).join("---\n");

/** The Advanced hunting page opened on a query: how an alert links to the query of the rule that raised it. */
export const huntingLink = (query: string) => `/hunting?query=${encodeURIComponent(query)}`;
