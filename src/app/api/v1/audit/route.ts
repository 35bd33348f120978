import { listAudit, ZAuditListQuery } from "@/server/audit/audit.queries";
import { withRoute } from "@/server/http/with-route";

export const GET = withRoute({ permission: "audit:read", query: ZAuditListQuery }, ({ query }) => listAudit(query));
