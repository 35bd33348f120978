import { AppError } from "@/server/http/app-error";
import { readText } from "@/server/http/read-body";
import { withRoute } from "@/server/http/with-route";
import { MAX_IMPORT_BYTES, ZImportQuery, ZIndicatorListQuery } from "@/server/intel/threat-indicators.schemas";
import { importIndicators, listIndicators } from "@/server/intel/threat-indicators.service";

export const GET = withRoute({ permission: "settings:read", query: ZIndicatorListQuery }, ({ query }) => listIndicators(query));

// The body is the CSV file itself (text/csv), as a vendor feed or `curl --data-binary @feed.csv` sends it.
export const POST = withRoute({ permission: "settings:write", query: ZImportQuery }, async ({ request, principal, query }) => {
  const mediaType = request.headers.get("content-type")?.split(";")[0].trim().toLowerCase();
  if (mediaType !== "text/csv") throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Send the indicators as a CSV file with Content-Type: text/csv");
  return importIndicators(await readText(request, MAX_IMPORT_BYTES), principal, { source: query.source });
});
