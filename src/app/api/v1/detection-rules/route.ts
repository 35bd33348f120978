import { withRoute } from "@/server/http/with-route";
import { ZDetectionRuleBody } from "@/server/detection-rules/detection-rules.schemas";
import { createDetectionRule, listDetectionRules } from "@/server/detection-rules/detection-rules.service";

export const GET = withRoute({ permission: "settings:read" }, () => listDetectionRules());

export const POST = withRoute({ permission: "detectionRules:manage", body: ZDetectionRuleBody, status: 201 }, ({ body, principal }) => createDetectionRule(body, principal));
