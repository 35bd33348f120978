import { readText } from "@/server/http/read-body";
import { withRoute } from "@/server/http/with-route";
import { INTEL_ROUTES } from "@/server/intel/intel.contracts";
import { MAX_IMPORT_BYTES } from "@/server/intel/threat-indicators.schemas";
import { importIndicators, listIndicators } from "@/server/intel/threat-indicators.service";

export const GET = withRoute(INTEL_ROUTES.list, ({ query }) => listIndicators(query));

// withRoute refuses any body that is not text/csv with 415.
export const POST = withRoute(INTEL_ROUTES.import, async ({ request, principal, query }) =>
  importIndicators(await readText(request, MAX_IMPORT_BYTES), principal, { source: query.source }),
);
