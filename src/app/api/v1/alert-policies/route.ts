import { listAlertPolicies } from "@/server/alerts/alert-policies.service";
import { withRoute } from "@/server/http/with-route";

// A handful of built-in policies: one page holds them all, in the list shape every other list answers.
export const GET = withRoute({ permission: "settings:read" }, async () => {
  const items = await listAlertPolicies();
  return { items, total: items.length, page: 1, pageSize: items.length };
});
