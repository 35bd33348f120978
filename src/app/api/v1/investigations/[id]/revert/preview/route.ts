import { withRoute } from "@/server/http/with-route";
import { INVESTIGATION_ROUTES } from "@/server/investigations/investigations.contracts";
import { previewInvestigationRevert } from "@/server/investigations/revert-investigation";

export const GET = withRoute(INVESTIGATION_ROUTES.revertPreview, ({ params }) => previewInvestigationRevert(params.id));
