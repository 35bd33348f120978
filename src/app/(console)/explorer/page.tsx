import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePermission } from "@/server/auth/page-guard";
import { can } from "@/server/auth/permissions";
import { ADDITIONAL_ACTION_FILTERS } from "@/server/explorer/additional-action-filters";
import { DAY_MS, resolveWindow, ZEmailSearchQuery, type TExplorerView } from "@/server/explorer/explorer.schemas";
import { emailVolumeByDay, searchEmail } from "@/server/explorer/explorer.queries";
import { parseLenient } from "@/server/http/pagination";
import { DELIVERY_LOCATIONS, EMAIL_DIRECTIONS } from "@/server/ingestion/ingestion.schemas";
import { EmailTable } from "./email-table";
import type { TExplorerFacets, TExplorerRange } from "./explorer-filters";
import { ExplorerViews } from "./explorer-views";
import { VolumeChart } from "./volume-chart";

export const metadata: Metadata = { title: "Threat Explorer" };

const FACETS: TExplorerFacets = {
  threat: [
    { value: "any", label: "Any threat" },
    { value: "Phish", label: "Phish" },
    { value: "Malware", label: "Malware" },
    { value: "Spam", label: "Spam" },
    { value: "None", label: "No threat" },
  ],
  direction: EMAIL_DIRECTIONS.map((value) => ({ value, label: value })),
  location: DELIVERY_LOCATIONS.map((value) => ({ value, label: value })),
  additionalAction: [...ADDITIONAL_ACTION_FILTERS],
};

const VIEW_DESCRIPTIONS: Record<TExplorerView, string> = {
  all: "Mail to, from and inside the organisation: who sent it, what the filters decided, and where it is now.",
  malware: "Mail found to carry malware: where each copy went, and what was done about it since.",
  phish: "Mail judged phish: who received it, where each copy is now, and what was done about it since.",
  submissions:
    "The copies users reported as phish, malware or junk (the verdict and the assessment are on Submissions).",
};

const RANGE_PHRASES = { "24h": "the last 24 hours", "7d": "the last 7 days", "30d": "the last 30 days" } as const;
const dateTime = new Intl.DateTimeFormat("en-US", {
  dateStyle: "medium",
  timeStyle: "short",
  hourCycle: "h23",
  timeZone: "UTC",
});

/** The search without its paging and order: what "Act on all results" sends as the selection. */
function searchFilters({
  page: _page,
  pageSize: _pageSize,
  sort: _sort,
  ...filters
}: ReturnType<typeof ZEmailSearchQuery.parse>): Record<string, unknown> {
  return JSON.parse(JSON.stringify(filters));
}

export default async function ExplorerPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const principal = await requirePagePermission("console:read");
  const rawParams = await searchParams;
  const query = parseLenient(ZEmailSearchQuery, rawParams);
  const now = new Date();
  const searchWindow = resolveWindow(query, now);
  const isCustom = Boolean(query.from || query.to);
  const range: TExplorerRange = isCustom ? "custom" : (query.range ?? "7d");
  const windowPhrase = isCustom
    ? `${dateTime.format(searchWindow.from)} – ${dateTime.format(searchWindow.to)} UTC`
    : RANGE_PHRASES[query.range ?? "7d"];
  // Hourly bars for short windows: a day or two as one or two daily bars says nothing.
  const interval = searchWindow.to.getTime() - searchWindow.from.getTime() <= 2 * DAY_MS ? "hour" : "day";
  const [page, volume] = await Promise.all([
    searchEmail(query, { now }),
    emailVolumeByDay({ ...query, interval }, { now }),
  ]);
  return (
    <div>
      <PageHeader title="Threat Explorer" description={VIEW_DESCRIPTIONS[query.view ?? "all"]} />
      <ExplorerViews active={query.view ?? "all"} searchParams={rawParams} />
      <EmailTable
        data={page}
        sort={query.sort}
        range={range}
        windowPhrase={windowPhrase}
        facets={FACETS}
        chart={<VolumeChart volume={volume} windowPhrase={windowPhrase} />}
        canAct={can(principal.role, "actions:decide") && can(principal.role, "investigations:trigger")}
        searchFilters={searchFilters(query)}
      />
    </div>
  );
}
