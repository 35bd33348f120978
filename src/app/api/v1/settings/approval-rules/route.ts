import { ZApprovalRulesBody } from "@/server/approval-rules/approval-rules.schemas";
import { getApprovalRules, updateApprovalRules } from "@/server/approval-rules/approval-rules.service";
import { withRoute } from "@/server/http/with-route";

export const GET = withRoute({ permission: "settings:read" }, () => getApprovalRules());

export const PUT = withRoute({ permission: "settings:write", body: ZApprovalRulesBody }, ({ body, principal }) => updateApprovalRules(body, principal));
