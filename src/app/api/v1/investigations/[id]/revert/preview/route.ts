import { ZIntIdParams } from "@/server/http/list-filters";
import { withRoute } from "@/server/http/with-route";
import { previewInvestigationRevert } from "@/server/investigations/revert-investigation";

export const GET = withRoute({ permission: "investigations:read", params: ZIntIdParams }, ({ params }) => previewInvestigationRevert(params.id));
