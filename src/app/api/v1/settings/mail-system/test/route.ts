import { testMailConnection } from "@/server/connectors/get-mail-connector";
import { withRoute } from "@/server/http/with-route";
import { SETTINGS_ROUTES } from "@/server/settings/settings.contracts";

export const POST = withRoute(SETTINGS_ROUTES.testMailSystem, ({ body }) => testMailConnection(body));
