import { ACTION_ROUTES } from "@/server/actions/actions.contracts";
import { previewAction } from "@/server/actions/preview-action";
import { withRoute } from "@/server/http/with-route";

export const GET = withRoute(ACTION_ROUTES.preview, ({ params }) => previewAction(params.id));
