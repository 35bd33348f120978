import { withRoute } from "@/server/http/with-route";
import { releaseRestrictedUser } from "@/server/restrictions/release-restricted-user";
import { RESTRICTION_ROUTES } from "@/server/restrictions/restrictions.contracts";

export const POST = withRoute(RESTRICTION_ROUTES.release, ({ params, body, principal }) =>
  releaseRestrictedUser(params.id, body?.reason, principal),
);
