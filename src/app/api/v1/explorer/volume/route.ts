import { EXPLORER_ROUTES } from "@/server/explorer/explorer.contracts";
import { emailVolumeByDay } from "@/server/explorer/explorer.queries";
import { withRoute } from "@/server/http/with-route";

export const GET = withRoute(EXPLORER_ROUTES.volume, ({ query }) => emailVolumeByDay(query));
