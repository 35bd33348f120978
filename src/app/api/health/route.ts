import { checkHealth } from "@/server/health/check-health";
import { RETRY_AFTER_SECONDS } from "@/server/http/error-response";

export const dynamic = "force-dynamic";

export async function GET() {
  const health = await checkHealth();
  if (health.db === "ok") return Response.json(health);
  return Response.json(health, { status: 503, headers: { "retry-after": String(RETRY_AFTER_SECONDS) } });
}
