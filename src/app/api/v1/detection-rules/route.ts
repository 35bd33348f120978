import { DETECTION_RULE_ROUTES } from "@/server/detection-rules/detection-rules.contracts";
import { createDetectionRule, listDetectionRules } from "@/server/detection-rules/detection-rules.service";
import { withRoute } from "@/server/http/with-route";

export const GET = withRoute(DETECTION_RULE_ROUTES.list, () => listDetectionRules());

export const POST = withRoute(DETECTION_RULE_ROUTES.create, ({ body, principal }) =>
  createDetectionRule(body, principal),
);
