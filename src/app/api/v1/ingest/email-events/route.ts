import { AppError } from "@/server/http/app-error";
import { readText } from "@/server/http/read-body";
import { parseInput, withRoute } from "@/server/http/with-route";
import { INGESTION_ROUTES } from "@/server/ingestion/ingestion.contracts";
import { ZEmailEventBatch } from "@/server/ingestion/ingestion.schemas";
import { receiveEmailEvents } from "@/server/ingestion/receive-email-events";
import { parseJsonOrNdjson } from "@/server/ingestion/parse-batch";

const { emailEvents } = INGESTION_ROUTES;

export const POST = withRoute(emailEvents, async ({ request }) => {
  const rows = parseInput(
    ZEmailEventBatch,
    parseJsonOrNdjson(await readText(request, emailEvents.maxBodyBytes), request.headers.get("content-type")),
    "body",
  );
  if (!rows.length)
    throw new AppError("BAD_REQUEST", "Invalid body: no events", [{ path: "body", message: "no events" }]);
  return receiveEmailEvents(rows);
});
