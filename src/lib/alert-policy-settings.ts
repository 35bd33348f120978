// Which alert policies take settings, and what they are. Pure, so the Settings page's form and the server's
// validation share one description of each field.

export const SENDING_LIMIT_POLICY_ID = "email-sending-limit-exceeded";

export type TSendingLimitKey = "recipientsPerDay" | "messagesPerMinute";

export const SENDING_LIMIT_FIELDS: readonly { key: TSendingLimitKey; label: string; hint: string; max: number }[] = [
  {
    key: "recipientsPerDay",
    label: "Recipients per day",
    hint: "Recipients a user may send to in any 24 hours.",
    max: 1_000_000,
  },
  {
    key: "messagesPerMinute",
    label: "Messages per minute",
    hint: "Messages a user may send in any one minute.",
    max: 10_000,
  },
];
