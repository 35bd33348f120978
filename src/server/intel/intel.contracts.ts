import { z } from "zod";
import { defineContract } from "@/server/http/contract";
import { ZPage, ZWireDate } from "@/server/http/wire";
import { ZRspamdMapParams } from "@/server/rspamd/rspamd-maps";
import { ZImportQuery, ZIndicatorIdParams, ZIndicatorListQuery } from "./threat-indicators.schemas";

// kind and threatType are free text in the database; the import only writes the known ones.
const ZIndicator = z.object({
  id: z.string(),
  kind: z.string(),
  value: z.string(),
  threatType: z.string(),
  source: z.string(),
  description: z.string().nullable(),
  actionId: z.number().int().nullable(),
  createdAt: ZWireDate,
});

export const INTEL_ROUTES = {
  list: defineContract({
    method: "GET",
    path: "/api/v1/threat-indicators",
    permission: "settings:read",
    summary: "List threat indicators",
    query: ZIndicatorListQuery,
    response: ZPage(ZIndicator),
  }),
  import: defineContract({
    method: "POST",
    path: "/api/v1/threat-indicators",
    permission: "settings:write",
    summary: "Import threat indicators",
    // The CSV file itself, as a vendor feed or `curl --data-binary @feed.csv -H "Content-Type: text/csv"` sends it.
    description: "A CSV file with the columns type, value, threatType and description.",
    query: ZImportQuery,
    bodyMediaTypes: { "text/csv": null },
    response: z.object({ imported: z.number().int(), created: z.number().int(), updated: z.number().int() }),
  }),
  remove: defineContract({
    method: "DELETE",
    path: "/api/v1/threat-indicators/{id}",
    permission: "settings:write",
    summary: "Delete a threat indicator",
    params: ZIndicatorIdParams,
    response: ZIndicator,
  }),
  rspamdMap: defineContract({
    method: "GET",
    path: "/api/v1/rspamd/maps/{kind}",
    permission: "settings:read",
    summary: "Threat indicators as an rspamd map",
    description:
      "Plain text, one indicator of the kind (url, domain, sha256, ip, sender) a line, for rspamd's multimap module to poll. rspamd can only send credentials from the map URL's user and password (HTTP Basic), so the API token may come as the Basic password: `http://rspamd:<token>@host/api/v1/rspamd/maps/url`.",
    params: ZRspamdMapParams,
    response: null,
    responseMediaType: "text/plain",
  }),
};
