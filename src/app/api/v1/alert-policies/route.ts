import { ALERT_POLICY_ROUTES } from "@/server/alerts/alert-policies.contracts";
import { listAlertPolicies } from "@/server/alerts/alert-policies.service";
import { withRoute } from "@/server/http/with-route";

export const GET = withRoute(ALERT_POLICY_ROUTES.list, async () => {
  const items = await listAlertPolicies();
  return { items, total: items.length, page: 1, pageSize: items.length };
});
