import { z } from "zod";
import { Severity } from "@/generated/prisma/enums";
import { SENDING_LIMIT_FIELDS, SENDING_LIMIT_POLICY_ID } from "@/lib/alert-policy-settings";
import { enumValues } from "@/server/http/list-filters";
import { ZSafeJson, ZText } from "@/server/http/safe-text";

export const ZAlertPolicyIdParams = z.object({ id: ZText(100, { min: 1 }) });

// Settings travel as an open object here; which keys a policy takes is checked against that policy (ZPolicySettings).
export const ZUpdateAlertPolicyBody = z
  .strictObject({
    severity: z.enum(enumValues(Severity)),
    isEnabled: z.boolean(),
    settings: ZSafeJson(z.record(z.string(), z.unknown())),
  })
  .partial()
  .refine((value) => Object.keys(value).length > 0, "name at least one of severity, isEnabled, settings");
export type TUpdateAlertPolicy = z.infer<typeof ZUpdateAlertPolicyBody>;

const ZLimit = (max: number) =>
  z
    .number({ error: "must be a whole number" })
    .int({ error: "must be a whole number" })
    .min(1, { error: "must be a positive whole number" })
    .max(max, { error: `must be at most ${max.toLocaleString("en-US")}` });

const ZSendingLimits = z.strictObject(
  Object.fromEntries(SENDING_LIMIT_FIELDS.map((field) => [field.key, ZLimit(field.max).optional()])),
);

/** The settings each policy takes; a policy missing here takes none. Partial: unnamed settings keep their value. */
export const ZPolicySettings: Record<string, z.ZodType<Record<string, unknown>>> = {
  [SENDING_LIMIT_POLICY_ID]: ZSendingLimits,
};
