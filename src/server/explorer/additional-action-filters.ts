import "server-only";
import { EMAIL_ACTIONS } from "@/server/actions/email-locations";

/**
 * The Additional action filter's choices. The filter matches part of a copy's Additional action text (see
 * additionalActionLabel: "Automated remediation: automated", "Soft delete: approved", "Moved to inbox: reverted"), so
 * each choice is the words that pick out one kind: who decided, or which action.
 */
export const ADDITIONAL_ACTION_FILTERS = [
  { value: "Automated remediation", label: "Automated remediation" },
  { value: "approved", label: "Manual remediation" },
  { value: "reverted", label: "Reverted" },
  ...Object.values(EMAIL_ACTIONS).map(({ label }) => ({ value: label, label })),
] as const satisfies readonly { value: string; label: string }[];
