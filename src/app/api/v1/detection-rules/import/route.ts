import { DETECTION_RULE_ROUTES } from "@/server/detection-rules/detection-rules.contracts";
import { importDetectionRules } from "@/server/detection-rules/rules-yaml";
import { withRoute } from "@/server/http/with-route";

export const POST = withRoute(DETECTION_RULE_ROUTES.import, ({ body, principal }) =>
  importDetectionRules(body.files, principal),
);
