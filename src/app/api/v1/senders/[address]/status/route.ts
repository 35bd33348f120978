import { z } from "zod";
import { withRoute } from "@/server/http/with-route";
import { senderStatus } from "@/server/restrictions/release-restricted-user";

const ZSenderParams = z.object({ address: z.string().trim().pipe(z.email()) });

export const GET = withRoute({ permission: "restrictedUsers:read", params: ZSenderParams }, ({ params }) => senderStatus(params.address));
