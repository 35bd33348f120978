import { EXPLORER_ROUTES } from "@/server/explorer/explorer.contracts";
import { getEmailMessage } from "@/server/explorer/explorer.queries";
import { withRoute } from "@/server/http/with-route";

export const GET = withRoute(EXPLORER_ROUTES.message, ({ params }) => getEmailMessage(params.networkMessageId));
