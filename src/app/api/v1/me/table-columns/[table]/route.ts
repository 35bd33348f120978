import { withRoute } from "@/server/http/with-route";
import { PREFERENCE_ROUTES } from "@/server/preferences/preferences.contracts";
import { saveTableColumns } from "@/server/preferences/table-columns.service";

export const PUT = withRoute(PREFERENCE_ROUTES.saveColumns, ({ params, body, principal }) =>
  saveTableColumns(params.table, body.columns, principal),
);
