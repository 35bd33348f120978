import { withRoute } from "@/server/http/with-route";
import { ZDetectionSettingsInput } from "@/server/verdicts/detection-settings.schemas";
import { getDetectionSettings, updateDetectionSettings } from "@/server/verdicts/detection-settings.service";

export const GET = withRoute({ permission: "settings:read" }, () => getDetectionSettings());

export const PUT = withRoute({ permission: "settings:write", body: ZDetectionSettingsInput }, ({ body, principal }) => updateDetectionSettings(body, principal));
