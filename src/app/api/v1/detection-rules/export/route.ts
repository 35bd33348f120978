import { DETECTION_RULE_ROUTES } from "@/server/detection-rules/detection-rules.contracts";
import { exportDetectionRules } from "@/server/detection-rules/rules-yaml";
import { withRoute } from "@/server/http/with-route";

export const GET = withRoute(DETECTION_RULE_ROUTES.export, ({ query }) => exportDetectionRules(query.id));
