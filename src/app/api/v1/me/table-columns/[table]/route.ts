import { withRoute } from "@/server/http/with-route";
import { ZTableColumnsBody, ZTableColumnsParams } from "@/server/preferences/table-columns.schemas";
import { saveTableColumns } from "@/server/preferences/table-columns.service";

export const PUT = withRoute({ permission: "console:read", params: ZTableColumnsParams, body: ZTableColumnsBody }, ({ params, body, principal }) =>
  saveTableColumns(params.table, body.columns, principal),
);
