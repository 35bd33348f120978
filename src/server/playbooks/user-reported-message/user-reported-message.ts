import type { TPlaybookDefinition } from "../playbook.types";
import { planRemediation } from "../plan-remediation";
import { clusterSimilarFiles, clusterSimilarMessages, clusterSimilarUrls } from "./cluster-steps";
import { checkClicks, findOtherReports } from "./hunting-steps";
import { recommendBlocks } from "./remediation-steps";
import { assessThreat, checkSender, findCampaign, findOtherInstances, readAnalystAssessment } from "./root-steps";

/** The user-reported message playbook, in the three phases of seeds/002: root investigation, hunting, remediation. */
export const userReportedMessage: TPlaybookDefinition = {
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
};
