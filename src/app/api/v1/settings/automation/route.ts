import { withRoute } from "@/server/http/with-route";
import { ZAutomationSettingsBody } from "@/server/settings/automation-settings.schemas";
import { getAutomationSettings, updateAutomationSettings } from "@/server/settings/automation-settings.service";

export const GET = withRoute({ permission: "settings:read" }, () => getAutomationSettings());

export const PUT = withRoute({ permission: "settings:write", body: ZAutomationSettingsBody }, ({ body, principal }) => updateAutomationSettings(body, principal));
