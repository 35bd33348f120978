import { ZEmailVolumeQuery } from "@/server/explorer/explorer.schemas";
import { emailVolumeByDay } from "@/server/explorer/explorer.queries";
import { withRoute } from "@/server/http/with-route";

export const GET = withRoute({ permission: "console:read", query: ZEmailVolumeQuery }, ({ query }) => emailVolumeByDay(query));
