import { withRoute } from "@/server/http/with-route";
import { senderStatus } from "@/server/restrictions/release-restricted-user";
import { ZSenderParams } from "@/server/restrictions/restrictions.schemas";

export const GET = withRoute({ permission: "restrictedUsers:read", params: ZSenderParams }, ({ params }) => senderStatus(params.address));
