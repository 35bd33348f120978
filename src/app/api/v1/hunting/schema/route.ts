import { getHuntingSchema } from "@/server/hunting/hunting.queries";
import { withRoute } from "@/server/http/with-route";

export const GET = withRoute({ permission: "console:read" }, () => getHuntingSchema());
