import { withRoute } from "@/server/http/with-route";
import { INTEL_ROUTES } from "@/server/intel/intel.contracts";
import { deleteIndicator } from "@/server/intel/threat-indicators.service";

export const DELETE = withRoute(INTEL_ROUTES.remove, ({ params, principal }) => deleteIndicator(params.id, principal));
