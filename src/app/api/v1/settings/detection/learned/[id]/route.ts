import { ZIntIdParams } from "@/server/http/list-filters";
import { withRoute } from "@/server/http/with-route";
import { forgetLearned } from "@/server/verdicts/forget-learned";

export const DELETE = withRoute({ permission: "settings:write", params: ZIntIdParams }, ({ params, principal }) => forgetLearned(params.id, principal));
