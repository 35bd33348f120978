import { HUNTING_ROUTES } from "@/server/hunting/hunting.contracts";
import { runHuntingQuery } from "@/server/hunting/run-hunting-query";
import { withRoute } from "@/server/http/with-route";

export const POST = withRoute(HUNTING_ROUTES.query, ({ body, principal }) =>
  runHuntingQuery(body.query, { principal }),
);
