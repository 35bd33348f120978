import { AppError } from "@/server/http/app-error";
import { readText } from "@/server/http/read-body";
import { parseInput, withRoute } from "@/server/http/with-route";
import { ZEmailEventBatch } from "@/server/ingestion/ingestion.schemas";
import { receiveEmailEvents } from "@/server/ingestion/receive-email-events";
import { JSON_OR_NDJSON, parseJsonOrNdjson } from "@/server/ingestion/parse-batch";

const MAX_BYTES = 50 * 1024 * 1024;

export const POST = withRoute({ permission: "ingest:write", accepts: JSON_OR_NDJSON }, async ({ request }) => {
  const rows = parseInput(ZEmailEventBatch, parseJsonOrNdjson(await readText(request, MAX_BYTES), request.headers.get("content-type")), "body");
  if (!rows.length) throw new AppError("BAD_REQUEST", "Invalid body: no events", [{ path: "body", message: "no events" }]);
  return receiveEmailEvents(rows);
});
