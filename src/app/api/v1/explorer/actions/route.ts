import { ZTakeActionBody, takeAction } from "@/server/actions/take-action";
import { withRoute } from "@/server/http/with-route";

export const POST = withRoute({ permission: "actions:decide", body: ZTakeActionBody, status: 201 }, ({ body, principal }) => takeAction(body, principal));
