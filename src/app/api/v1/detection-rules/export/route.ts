import { withRoute } from "@/server/http/with-route";
import { exportDetectionRules } from "@/server/detection-rules/rules-yaml";

export const GET = withRoute({ permission: "settings:read" }, () => exportDetectionRules());
