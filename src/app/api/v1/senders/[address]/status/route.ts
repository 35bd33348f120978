import { withRoute } from "@/server/http/with-route";
import { senderStatus } from "@/server/restrictions/release-restricted-user";
import { RESTRICTION_ROUTES } from "@/server/restrictions/restrictions.contracts";

export const GET = withRoute(RESTRICTION_ROUTES.senderStatus, ({ params }) => senderStatus(params.address));
