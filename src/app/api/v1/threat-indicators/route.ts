import { readText } from "@/server/http/read-body";
import { withRoute } from "@/server/http/with-route";
import { MAX_IMPORT_BYTES, ZImportQuery, ZIndicatorListQuery } from "@/server/intel/threat-indicators.schemas";
import { importIndicators, listIndicators } from "@/server/intel/threat-indicators.service";

export const GET = withRoute({ permission: "settings:read", query: ZIndicatorListQuery }, ({ query }) => listIndicators(query));

// The body is the CSV file itself (text/csv), as a vendor feed or `curl --data-binary @feed.csv -H "Content-Type: text/csv"`
// sends it; withRoute refuses any other type with 415.
export const POST = withRoute({ permission: "settings:write", query: ZImportQuery, accepts: ["text/csv"] }, async ({ request, principal, query }) =>
  importIndicators(await readText(request, MAX_IMPORT_BYTES), principal, { source: query.source }),
);
