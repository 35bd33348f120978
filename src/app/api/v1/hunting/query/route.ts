import { ZHuntingQueryRequest } from "@/server/hunting/kql/hunting-query.schemas";
import { runHuntingQuery } from "@/server/hunting/run-hunting-query";
import { withRoute } from "@/server/http/with-route";

// 20,000 characters fit in 128 KiB of JSON even written as \uXXXX escapes (6 bytes a character).
export const POST = withRoute({ permission: "console:read", body: ZHuntingQueryRequest, maxBodyBytes: 128 * 1024 }, ({ body, principal }) =>
  runHuntingQuery(body.query, { principal }),
);
