import { withRoute } from "@/server/http/with-route";
import { releaseRestrictedUser, ZReleaseBody, ZRestrictionIdParams } from "@/server/restrictions/release-restricted-user";

export const POST = withRoute({ permission: "restrictedUsers:release", params: ZRestrictionIdParams, body: ZReleaseBody }, ({ params, body, principal }) =>
  releaseRestrictedUser(params.id, body?.reason, principal),
);
