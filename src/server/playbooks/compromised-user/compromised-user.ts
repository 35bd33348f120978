import { planRemediation } from "../plan-remediation";
import { definePlaybook } from "../define-playbook";
import { ZCompromisedUserInput } from "../playbook-inputs";
import { checkAdminRoles, checkAppConsents, checkMfaMethods } from "./check-account-changes";
import { checkForwarding, checkInboxRules } from "./check-forwarding-and-rules";
import { checkSending } from "./check-sending";
import { checkSignIns } from "./check-sign-ins";
import { compromisedUserQueries } from "./compromised-user.queries";
import { huntSentMail } from "./hunt-sent-mail";

/** The compromised-user playbook: the checks of "Responding to a compromised email account", then its remedies. */
export const compromisedUser = definePlaybook({
  inputSchema: ZCompromisedUserInput,
  queries: compromisedUserQueries,
  steps: [
    checkSending,
    checkForwarding,
    checkInboxRules,
    checkMfaMethods,
    checkAppConsents,
    checkAdminRoles,
    checkSignIns,
    huntSentMail,
    planRemediation,
  ],
});
