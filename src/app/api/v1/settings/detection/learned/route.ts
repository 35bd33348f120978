import { withRoute } from "@/server/http/with-route";
import { ZLearnedListQuery } from "@/server/verdicts/detection-settings.schemas";
import { listLearned } from "@/server/verdicts/learned-verdicts";

export const GET = withRoute({ permission: "settings:read", query: ZLearnedListQuery }, ({ query }) => listLearned(query));
