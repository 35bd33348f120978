import { z } from "zod";
import { AUTOMATABLE_ACTIONS } from "@/lib/actions/action-catalogue";

const ZDays = (max: number) => z.int({ error: "must be a whole number of days" }).min(1, { error: "must be at least 1 day" }).max(max, { error: `must be at most ${max} days` });

/**
 * The whole settings form (PUT replaces it): the two cluster kinds Defender lets an admin opt in to, and the
 * remediation action (the action catalogue's automatable ones: soft delete, as in Defender). The day counts and the alert resolution switch are optional so a script that only flips the
 * cluster switches keeps them as they are.
 */
export const ZAutomationSettingsBody = z.strictObject({
  similarFiles: z.boolean(),
  similarUrls: z.boolean(),
  action: z.enum(AUTOMATABLE_ACTIONS, { error: `must be ${AUTOMATABLE_ACTIONS.map((type) => `"${type}"`).join(" or ")}, the remediation action automation may take` }),
  retentionDays: ZDays(365).optional(),
  pendingExpiryDays: ZDays(90).optional(),
  resolveAlertsOnRunEnd: z.boolean().optional(),
});
export type TAutomationSettingsInput = z.infer<typeof ZAutomationSettingsBody>;
