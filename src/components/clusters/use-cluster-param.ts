"use client";

import { usePathname, useSearchParams } from "next/navigation";

const PARAM = "cluster";
// Marks a history entry this page pushed to open the flyout, so closing it can go back instead of piling up entries.
const OPENED_HERE = "clusterFlyout";

/**
 * The open cluster flyout lives in the URL (`?cluster=123`): a link to it opens it, and the back button closes it.
 * Opening and closing use the History API, which Next's router follows without asking the server for the page again.
 */
export function useClusterParam() {
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const raw = searchParams.get(PARAM);
  const clusterId = raw && /^[1-9]\d{0,9}$/.test(raw) ? Number(raw) : null;

  function hrefFor(id: number | null): string {
    const next = new URLSearchParams(searchParams.toString());
    if (id === null) next.delete(PARAM);
    else next.set(PARAM, String(id));
    const query = next.toString().replaceAll("%2C", ",");
    return query ? `${pathname}?${query}` : pathname;
  }

  return {
    clusterId,
    hrefFor,
    open: (id: number) => window.history.pushState({ [OPENED_HERE]: true }, "", hrefFor(id)),
    close: () => {
      if (window.history.state?.[OPENED_HERE]) window.history.back();
      else window.history.replaceState(null, "", hrefFor(null));
    },
  };
}
