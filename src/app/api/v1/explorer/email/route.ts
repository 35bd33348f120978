import { EXPLORER_ROUTES } from "@/server/explorer/explorer.contracts";
import { searchEmail } from "@/server/explorer/explorer.queries";
import { withRoute } from "@/server/http/with-route";

export const GET = withRoute(EXPLORER_ROUTES.search, ({ query }) => searchEmail(query));
