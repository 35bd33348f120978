import { ZActionIdParams } from "@/server/actions/action-decision.schemas";
import { previewAction } from "@/server/actions/preview-action";
import { withRoute } from "@/server/http/with-route";

export const GET = withRoute({ permission: "actions:read", params: ZActionIdParams }, ({ params }) => previewAction(params.id));
