import { UrlTabs } from "@/components/console/url-tabs";
import { EXPLORER_VIEWS, type TExplorerView } from "@/server/explorer/explorer.schemas";

export const VIEW_LABELS: Record<TExplorerView, string> = {
  all: "All email",
  malware: "Malware",
  phish: "Phish",
  submissions: "Submissions",
};

type TSearchParams = Record<string, string | string[] | undefined>;

/** A view's tab keeps the search as it is (a view narrows it further) and goes back to the first page. */
function viewHref(view: TExplorerView, searchParams: TSearchParams): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(searchParams)) {
    if (name === "view" || name === "page" || value === undefined) continue;
    for (const item of [value].flat()) params.append(name, item);
  }
  if (view !== "all") params.set("view", view);
  const search = params.toString();
  return search ? `/explorer?${search}` : "/explorer";
}

/**
 * Threat Explorer's views, as Defender names them: the mail views narrow one search (they keep its filters), and
 * Campaigns lists what users' reports have in common.
 */
export function ExplorerViews({
  active,
  searchParams = {},
}: {
  active: TExplorerView | "campaigns";
  searchParams?: TSearchParams;
}) {
  return (
    <UrlTabs
      label="Threat Explorer views"
      tabs={[
        ...EXPLORER_VIEWS.map((view) => ({
          href: viewHref(view, searchParams),
          label: VIEW_LABELS[view],
          isActive: active === view,
        })),
        { href: "/explorer/campaigns", label: "Campaigns", isActive: active === "campaigns" },
      ]}
    />
  );
}
