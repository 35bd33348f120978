import { definePlaybook } from "../define-playbook";
import { planRemediation } from "../plan-remediation";
import { ZUserReportedMessageInput } from "../playbook-inputs";
import { clusterSimilarFiles, clusterSimilarMessages, clusterSimilarUrls } from "./cluster-steps";
import { checkClicks, findOtherReports } from "./hunting-steps";
import { recommendBlocks } from "./remediation-steps";
import { assessThreat, checkSender, findCampaign, findOtherInstances, readAnalystAssessment } from "./root-steps";
import { userReportedMessageQueries } from "./user-reported-message.queries";

/** The user-reported message playbook, in the three phases of seeds/002: root investigation, hunting, remediation. */
export const userReportedMessage = definePlaybook({
  inputSchema: ZUserReportedMessageInput,
  queries: userReportedMessageQueries,
  steps: [
    assessThreat,
    checkSender,
    findOtherInstances,
    findCampaign,
    readAnalystAssessment,
    clusterSimilarUrls,
    clusterSimilarFiles,
    clusterSimilarMessages,
    checkClicks,
    findOtherReports,
    recommendBlocks,
    planRemediation,
  ],
});
