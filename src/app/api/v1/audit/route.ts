import { AUDIT_ROUTES } from "@/server/audit/audit.contracts";
import { listAudit } from "@/server/audit/audit.queries";
import { withRoute } from "@/server/http/with-route";

export const GET = withRoute(AUDIT_ROUTES.list, ({ query }) => listAudit(query));
