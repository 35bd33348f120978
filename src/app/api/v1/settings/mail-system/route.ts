import { getMailSystemSettingsView, updateMailSystemSettings } from "@/server/mail-system/mail-system-settings.service";
import { withRoute } from "@/server/http/with-route";
import { SETTINGS_ROUTES } from "@/server/settings/settings.contracts";

export const GET = withRoute(SETTINGS_ROUTES.mailSystem, () => getMailSystemSettingsView());

export const PUT = withRoute(SETTINGS_ROUTES.updateMailSystem, ({ body, principal }) =>
  updateMailSystemSettings(body, principal),
);
