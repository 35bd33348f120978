import { testMailConnection } from "@/server/connectors/get-mail-connector";
import { ZMailSystemTestBody } from "@/server/mail-system/mail-system-settings.schemas";
import { withRoute } from "@/server/http/with-route";

// Admins only: it makes Breakwater connect to the hosts and ports given, with the stored secrets.
export const POST = withRoute({ permission: "settings:write", body: ZMailSystemTestBody }, ({ body }) => testMailConnection(body));
