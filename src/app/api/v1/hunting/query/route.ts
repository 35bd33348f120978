import { ZHuntingQueryRequest } from "@/server/hunting/kql/hunting-query.schemas";
import { runHuntingQuery } from "@/server/hunting/run-hunting-query";
import { withRoute } from "@/server/http/with-route";

// A query of 20,000 characters is at most ~80 KB as UTF-8 JSON.
export const POST = withRoute({ permission: "console:read", body: ZHuntingQueryRequest, maxBodyBytes: 128 * 1024 }, ({ body }) => runHuntingQuery(body.query));
