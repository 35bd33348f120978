import { ZMailSystemSettingsBody } from "@/server/mail-system/mail-system-settings.schemas";
import { getMailSystemSettingsView, updateMailSystemSettings } from "@/server/mail-system/mail-system-settings.service";
import { withRoute } from "@/server/http/with-route";

export const GET = withRoute({ permission: "settings:read" }, () => getMailSystemSettingsView());

export const PUT = withRoute({ permission: "settings:write", body: ZMailSystemSettingsBody }, ({ body, principal }) => updateMailSystemSettings(body, principal));
