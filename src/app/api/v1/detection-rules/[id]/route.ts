import { withRoute } from "@/server/http/with-route";
import { ZDetectionRuleBody, ZRuleEnabledBody, ZRuleIdParams } from "@/server/detection-rules/detection-rules.schemas";
import { deleteDetectionRule, getDetectionRuleDetails, setDetectionRuleEnabled, updateDetectionRule } from "@/server/detection-rules/detection-rules.service";

export const GET = withRoute({ permission: "settings:read", params: ZRuleIdParams }, ({ params }) => getDetectionRuleDetails(params.id));

export const PUT = withRoute({ permission: "detectionRules:manage", params: ZRuleIdParams, body: ZDetectionRuleBody }, ({ params, body, principal }) => updateDetectionRule(params.id, body, principal));

export const PATCH = withRoute({ permission: "detectionRules:manage", params: ZRuleIdParams, body: ZRuleEnabledBody }, ({ params, body, principal }) =>
  setDetectionRuleEnabled(params.id, body.isEnabled, principal),
);

export const DELETE = withRoute({ permission: "detectionRules:manage", params: ZRuleIdParams }, ({ params, principal }) => deleteDetectionRule(params.id, principal));
