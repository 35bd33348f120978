import { readText } from "@/server/http/read-body";
import { parseInput, withRoute } from "@/server/http/with-route";
import { ingestIdentityEvents } from "@/server/ingestion/ingest-identity-events";
import { INGESTION_ROUTES } from "@/server/ingestion/ingestion.contracts";
import { ZIdentityEventBatch } from "@/server/ingestion/ingestion.schemas";
import { parseJsonOrNdjson } from "@/server/ingestion/parse-batch";

const { identityEvents } = INGESTION_ROUTES;

export const POST = withRoute(identityEvents, async ({ request }) => {
  const events = parseInput(
    ZIdentityEventBatch,
    parseJsonOrNdjson(await readText(request, identityEvents.maxBodyBytes), request.headers.get("content-type")),
    "body",
  );
  return ingestIdentityEvents(events);
});
