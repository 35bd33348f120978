import { listAssignees } from "@/server/alerts/alerts.queries";
import { withRoute } from "@/server/http/with-route";

export const GET = withRoute({ permission: "alerts:read" }, async () => ({ items: await listAssignees() }));
