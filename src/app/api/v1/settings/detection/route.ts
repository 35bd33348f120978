import { withRoute } from "@/server/http/with-route";
import { SETTINGS_ROUTES } from "@/server/settings/settings.contracts";
import { getDetectionSettings, updateDetectionSettings } from "@/server/verdicts/detection-settings.service";

export const GET = withRoute(SETTINGS_ROUTES.detection, () => getDetectionSettings());

export const PUT = withRoute(SETTINGS_ROUTES.updateDetection, ({ body, principal }) =>
  updateDetectionSettings(body, principal),
);
