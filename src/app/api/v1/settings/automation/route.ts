import { withRoute } from "@/server/http/with-route";
import { SETTINGS_ROUTES } from "@/server/settings/settings.contracts";
import { getAutomationSettings, updateAutomationSettings } from "@/server/settings/automation-settings.service";

export const GET = withRoute(SETTINGS_ROUTES.automation, () => getAutomationSettings());

export const PUT = withRoute(SETTINGS_ROUTES.updateAutomation, ({ body, principal }) =>
  updateAutomationSettings(body, principal),
);
