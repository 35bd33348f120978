import { withRoute } from "@/server/http/with-route";
import { SETTINGS_ROUTES } from "@/server/settings/settings.contracts";
import { listLearned } from "@/server/verdicts/learned-verdicts";

export const GET = withRoute(SETTINGS_ROUTES.learned, ({ query }) => listLearned(query));
