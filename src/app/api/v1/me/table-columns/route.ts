import { withRoute } from "@/server/http/with-route";
import { PREFERENCE_ROUTES } from "@/server/preferences/preferences.contracts";
import { listTableColumns } from "@/server/preferences/table-columns.service";

export const GET = withRoute(PREFERENCE_ROUTES.listColumns, ({ principal }) => listTableColumns(principal));
