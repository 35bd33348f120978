import { readText } from "@/server/http/read-body";
import { parseInput, withRoute } from "@/server/http/with-route";
import { ingestIdentityEvents } from "@/server/ingestion/ingest-identity-events";
import { ZIdentityEventBatch } from "@/server/ingestion/ingestion.schemas";
import { JSON_OR_NDJSON, parseJsonOrNdjson } from "@/server/ingestion/parse-batch";

export const POST = withRoute({ permission: "ingest:write", accepts: JSON_OR_NDJSON }, async ({ request }) => {
  const events = parseInput(ZIdentityEventBatch, parseJsonOrNdjson(await readText(request, 10 * 1024 * 1024), request.headers.get("content-type")), "body");
  return ingestIdentityEvents(events);
});
