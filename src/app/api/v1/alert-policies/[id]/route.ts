import { ZAlertPolicyIdParams, ZUpdateAlertPolicyBody } from "@/server/alerts/alert-policies.schemas";
import { updateAlertPolicy } from "@/server/alerts/alert-policies.service";
import { withRoute } from "@/server/http/with-route";

export const PATCH = withRoute({ permission: "settings:write", params: ZAlertPolicyIdParams, body: ZUpdateAlertPolicyBody }, ({ params, body, principal }) =>
  updateAlertPolicy(params.id, body, principal),
);
