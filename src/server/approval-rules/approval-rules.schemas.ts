import { z } from "zod";

/**
 * One two-person rule: an action it matches needs two approvals by different people. Email actions are matched on the
 * cluster's message count at decision time (the live figure the approver acts on).
 */
export const ZApprovalRule = z.discriminatedUnion(
  "condition",
  [
    z.strictObject({ condition: z.literal("hardDelete") }),
    z.strictObject({
      condition: z.literal("emailOverMessages"),
      messages: z
        .int({ error: "must be a whole number of messages" })
        .min(0, { error: "must be at least 0" })
        .max(10_000_000, { error: "must be at most 10000000" }),
    }),
    z.strictObject({ condition: z.literal("disableAccount") }),
    z.strictObject({ condition: z.literal("removeAdminRole") }),
    z.strictObject({ condition: z.literal("priorityAccount") }),
  ],
  { error: 'must be "hardDelete", "emailOverMessages", "disableAccount", "removeAdminRole" or "priorityAccount"' },
);
export type TApprovalRule = z.infer<typeof ZApprovalRule>;

export const ZApprovalRules = z.array(ZApprovalRule).max(20, { error: "must be at most 20 rules" });

/** The whole list (PUT replaces it); an empty list turns two-person approval off. */
export const ZApprovalRulesBody = z.strictObject({ rules: ZApprovalRules });
export type TApprovalRulesInput = z.infer<typeof ZApprovalRulesBody>;
