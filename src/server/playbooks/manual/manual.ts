import { definePlaybook } from "../define-playbook";
import { planRemediation } from "../plan-remediation";
import { ZManualInput } from "../playbook-inputs";
import {
  clusterSelection,
  clusterSimilarFiles,
  clusterSimilarMessages,
  clusterSimilarUrls,
} from "../user-reported-message/cluster-steps";
import { checkClicks } from "../user-reported-message/hunting-steps";
import { recommendBlocks } from "../user-reported-message/remediation-steps";
import { assessThreat, checkSender, findCampaign } from "../user-reported-message/root-steps";
import { userReportedMessageQueries } from "../user-reported-message/user-reported-message.queries";

/**
 * The manual playbook (Threat Explorer → Trigger investigation): the user-reported message's phases on the selected
 * messages, which become a cluster of their own, remediated like any other when they prove malicious.
 */
export const manual = definePlaybook({
  inputSchema: ZManualInput,
  queries: userReportedMessageQueries,
  steps: [
    assessThreat,
    checkSender,
    findCampaign,
    clusterSelection,
    clusterSimilarUrls,
    clusterSimilarFiles,
    clusterSimilarMessages,
    checkClicks,
    recommendBlocks,
    planRemediation,
  ],
});
