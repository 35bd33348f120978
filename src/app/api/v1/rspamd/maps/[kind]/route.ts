import { withRoute } from "@/server/http/with-route";
import { INTEL_ROUTES } from "@/server/intel/intel.contracts";
import { rspamdMap } from "@/server/rspamd/rspamd-maps";

// rspamd polls this (multimap `map = "http://rspamd:<token>@host/api/v1/rspamd/maps/url"`): it sends the URL's user
// and password as HTTP Basic, and the API token in the password is what authenticates it.
export const GET = withRoute(INTEL_ROUTES.rspamdMap, async ({ params }) => {
  return new Response(await rspamdMap(params.kind), {
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
  });
});
