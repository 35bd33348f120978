import type { z } from "zod";
import { ZTimeFilters } from "@/server/http/list-filters";
import { ZListQuery } from "@/server/http/pagination";
import { ZFilterText } from "@/server/http/safe-text";

export const CAMPAIGN_SORT_FIELDS = ["lastSeen", "firstSeen", "reports"] as const;

/** Threat Explorer › Campaigns: newest activity first; `q` finds a sender or subject among a campaign's reports; the time filters apply to its last report. */
export const ZCampaignListQuery = ZListQuery(CAMPAIGN_SORT_FIELDS, "-lastSeen").extend({
  q: ZFilterText(320),
  ...ZTimeFilters,
});
export type TCampaignListQuery = z.infer<typeof ZCampaignListQuery>;
