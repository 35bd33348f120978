import { isEmailAction } from "@/server/actions/email-locations";
import type { TApprovalRule } from "./approval-rules.schemas";

/** involvesPriorityAccount: an identity action on a priority account, or an email action with a copy delivered to one. */
export type TRuleSubject = { type: string; messages: number; involvesPriorityAccount: boolean };

/** The first rule that asks for a second approval of this action, or null when one approval is enough. */
export function matchApprovalRule(rules: readonly TApprovalRule[], action: TRuleSubject): TApprovalRule | null {
  return rules.find((rule) => matches(rule, action)) ?? null;
}

function matches(rule: TApprovalRule, action: TRuleSubject): boolean {
  switch (rule.condition) {
    case "hardDelete":
      return action.type === "hardDelete";
    case "emailOverMessages":
      return isEmailAction(action.type) && action.messages > rule.messages;
    case "disableAccount":
      return action.type === "disableAccount";
    case "removeAdminRole":
      return action.type === "removeAdminRole";
    case "priorityAccount":
      return action.involvesPriorityAccount;
  }
}

/** How Settings and the audit log name a rule. */
export function describeApprovalRule(rule: TApprovalRule): string {
  switch (rule.condition) {
    case "hardDelete":
      return "Hard delete";
    case "emailOverMessages":
      return `Email action on more than ${rule.messages} messages`;
    case "disableAccount":
      return "Disable account";
    case "removeAdminRole":
      return "Remove admin role";
    case "priorityAccount":
      return "Any priority account";
  }
}
