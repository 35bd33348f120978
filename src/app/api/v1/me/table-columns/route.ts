import { withRoute } from "@/server/http/with-route";
import { listTableColumns } from "@/server/preferences/table-columns.service";

export const GET = withRoute({ permission: "console:read" }, ({ principal }) => listTableColumns(principal));
