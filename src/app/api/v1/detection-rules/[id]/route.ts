import { DETECTION_RULE_ROUTES } from "@/server/detection-rules/detection-rules.contracts";
import {
  deleteDetectionRule,
  getDetectionRuleDetails,
  setDetectionRuleEnabled,
  updateDetectionRule,
} from "@/server/detection-rules/detection-rules.service";
import { withRoute } from "@/server/http/with-route";

export const GET = withRoute(DETECTION_RULE_ROUTES.get, ({ params }) => getDetectionRuleDetails(params.id));

export const PUT = withRoute(DETECTION_RULE_ROUTES.update, ({ params, body, principal }) =>
  updateDetectionRule(params.id, body, principal),
);

export const PATCH = withRoute(DETECTION_RULE_ROUTES.setEnabled, ({ params, body, principal }) =>
  setDetectionRuleEnabled(params.id, body.isEnabled, principal),
);

export const DELETE = withRoute(DETECTION_RULE_ROUTES.remove, ({ params, principal }) =>
  deleteDetectionRule(params.id, principal),
);
