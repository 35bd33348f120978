import { withRoute } from "@/server/http/with-route";
import { ZIndicatorIdParams } from "@/server/intel/threat-indicators.schemas";
import { deleteIndicator } from "@/server/intel/threat-indicators.service";

export const DELETE = withRoute({ permission: "settings:write", params: ZIndicatorIdParams }, ({ params, principal }) => deleteIndicator(params.id, principal));
