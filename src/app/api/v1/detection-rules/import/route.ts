import { withRoute } from "@/server/http/with-route";
import { ZRuleImportBody } from "@/server/detection-rules/detection-rules.schemas";
import { importDetectionRules } from "@/server/detection-rules/rules-yaml";

export const POST = withRoute({ permission: "detectionRules:manage", body: ZRuleImportBody }, ({ body, principal }) => importDetectionRules(body.files, principal));
