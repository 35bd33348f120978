import type { TPlaybookDefinition } from "../playbook.types";
import { checkAdminRoles, checkAppConsents, checkMfaMethods } from "./check-account-changes";
import { checkForwarding, checkInboxRules } from "./check-forwarding-and-rules";
import { checkSending } from "./check-sending";
import { checkSignIns } from "./check-sign-ins";
import { huntSentMail } from "./hunt-sent-mail";
import { planRemediation } from "../plan-remediation";

/** The compromised-user playbook: the checks of "Responding to a compromised email account", then its remedies. */
export const compromisedUser: TPlaybookDefinition = {
  steps: [checkSending, checkForwarding, checkInboxRules, checkMfaMethods, checkAppConsents, checkAdminRoles, checkSignIns, huntSentMail, planRemediation],
};
