import { withRoute } from "@/server/http/with-route";
import { SETTINGS_ROUTES } from "@/server/settings/settings.contracts";
import {
  getUserReportedSettingsView,
  updateUserReportedSettings,
} from "@/server/user-reported/user-reported-settings.service";

export const GET = withRoute(SETTINGS_ROUTES.userReported, () => getUserReportedSettingsView());

export const PUT = withRoute(SETTINGS_ROUTES.updateUserReported, ({ body, principal }) =>
  updateUserReportedSettings(body, principal),
);
