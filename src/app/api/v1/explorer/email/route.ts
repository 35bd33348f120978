import { ZEmailSearchQuery } from "@/server/explorer/explorer.schemas";
import { searchEmail } from "@/server/explorer/explorer.queries";
import { withRoute } from "@/server/http/with-route";

export const GET = withRoute({ permission: "console:read", query: ZEmailSearchQuery }, ({ query }) => searchEmail(query));
