import { z } from "zod";
import { AUTOMATABLE_ACTIONS } from "@/lib/actions/action-catalogue";

const ZDays = (max: number) =>
  z
    .int({ error: "must be a whole number of days" })
    .min(1, { error: "must be at least 1 day" })
    .max(max, { error: `must be at most ${max} days` });

const ZCount = (what: string, min: number, max: number) =>
  z
    .int({ error: `must be a whole number of ${what}` })
    .min(min, { error: `must be at least ${min}` })
    .max(max, { error: `must be at most ${max}` });

/**
 * The whole settings form (PUT replaces it): the two cluster kinds Defender lets an admin opt in to, and the
 * remediation action (the action catalogue's automatable ones: soft delete, as in Defender). The day counts, the alert
 * resolution switch and the canary run fields are optional so a script that only flips the
 * cluster switches keeps them as they are.
 */
export const ZAutomationSettingsBody = z.strictObject({
  similarFiles: z.boolean(),
  similarUrls: z.boolean(),
  action: z.enum(AUTOMATABLE_ACTIONS, {
    error: `must be ${AUTOMATABLE_ACTIONS.map((type) => `"${type}"`).join(" or ")}, the remediation action automation may take`,
  }),
  retentionDays: ZDays(365).optional(),
  /** Threat Explorer and hunting look back 30 days, so nothing shorter; rows go a whole month at a time. */
  emailEventsRetentionDays: ZDays(3650)
    .min(30, { error: "must be at least 30 days (Threat Explorer and hunting look back 30 days)" })
    .optional(),
  pendingExpiryDays: ZDays(90).optional(),
  resolveAlertsOnRunEnd: z.boolean().optional(),
  /** Canary runs: above this many messages an email action first runs on a sample; null turns them off. */
  canaryAboveMessages: ZCount("messages", 1, 10_000_000).nullable().optional(),
  canarySamplePercent: ZCount("percent", 1, 100).optional(),
  canarySampleMinimum: ZCount("messages", 1, 10_000).optional(),
  canaryMaxFailedPercent: ZCount("percent", 0, 100).optional(),
});
export type TAutomationSettingsInput = z.infer<typeof ZAutomationSettingsBody>;
