import { ZEmailMessageParams } from "@/server/explorer/explorer.schemas";
import { getEmailMessage } from "@/server/explorer/explorer.queries";
import { withRoute } from "@/server/http/with-route";

export const GET = withRoute({ permission: "console:read", params: ZEmailMessageParams }, ({ params }) => getEmailMessage(params.networkMessageId));
