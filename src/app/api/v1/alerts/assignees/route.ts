import { ALERT_ROUTES } from "@/server/alerts/alerts.contracts";
import { listAssignees } from "@/server/alerts/alerts.queries";
import { withRoute } from "@/server/http/with-route";

export const GET = withRoute(ALERT_ROUTES.assignees, async () => ({ items: await listAssignees() }));
