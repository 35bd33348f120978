import { withRoute } from "@/server/http/with-route";
import { SETTINGS_ROUTES } from "@/server/settings/settings.contracts";
import { forgetLearned } from "@/server/verdicts/forget-learned";

export const DELETE = withRoute(SETTINGS_ROUTES.forgetLearned, ({ params, principal }) =>
  forgetLearned(params.id, principal),
);
