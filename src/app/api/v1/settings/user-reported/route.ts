import { withRoute } from "@/server/http/with-route";
import { ZUserReportedSettingsBody } from "@/server/user-reported/user-reported-settings.schemas";
import { getUserReportedSettingsView, updateUserReportedSettings } from "@/server/user-reported/user-reported-settings.service";

export const GET = withRoute({ permission: "settings:read" }, () => getUserReportedSettingsView());

export const PUT = withRoute({ permission: "settings:write", body: ZUserReportedSettingsBody }, ({ body, principal }) => updateUserReportedSettings(body, principal));
