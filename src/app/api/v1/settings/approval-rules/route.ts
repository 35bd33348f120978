import { getApprovalRules, updateApprovalRules } from "@/server/approval-rules/approval-rules.service";
import { withRoute } from "@/server/http/with-route";
import { SETTINGS_ROUTES } from "@/server/settings/settings.contracts";

export const GET = withRoute(SETTINGS_ROUTES.approvalRules, () => getApprovalRules());

export const PUT = withRoute(SETTINGS_ROUTES.updateApprovalRules, ({ body, principal }) =>
  updateApprovalRules(body, principal),
);
