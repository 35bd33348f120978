import { HEALTH_ROUTES } from "@/server/health/health.contracts";
import { checkHealth } from "@/server/health/check-health";
import { RETRY_AFTER_SECONDS } from "@/server/http/error-response";
import { withRoute } from "@/server/http/with-route";

export const dynamic = "force-dynamic";

export const GET = withRoute(HEALTH_ROUTES.health, async () => {
  const health = await checkHealth();
  if (health.db === "ok") return health;
  return Response.json(health, { status: 503, headers: { "retry-after": String(RETRY_AFTER_SECONDS) } });
});
