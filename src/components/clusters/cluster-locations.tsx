"use client";

import { cn, formatNumber } from "@/lib/utils";

// Mailbox folders first, in the order a remediation moves messages through them; anything else after, largest first.
const ORDER = ["Inbox/folder", "Junk folder", "Recoverable items", "Deleted items", "Quarantine"];

function ordered(counts: Record<string, number>): [string, number][] {
  const rank = (location: string) => (ORDER.includes(location) ? ORDER.indexOf(location) : ORDER.length);
  return Object.entries(counts).sort(([a, countA], [b, countB]) => rank(a) - rank(b) || countB - countA);
}

type TClusterLocationsProps = {
  counts: Record<string, number>;
  /** Locations the messages list is narrowed to; each bar toggles its own. */
  selected: readonly string[];
  onToggle: (location: string) => void;
};

/** Where the cluster's messages are now, as bars; pressing one shows only its messages below. */
export function ClusterLocations({ counts, selected, onToggle }: TClusterLocationsProps) {
  const rows = ordered(counts);
  if (!rows.length)
    return <p className="text-sm text-muted-foreground">None of the cluster's messages are stored any more.</p>;
  const max = Math.max(...rows.map(([, count]) => count));
  return (
    <ul className="space-y-1" aria-label="Messages by location">
      {rows.map(([location, count]) => {
        const isSelected = selected.includes(location);
        return (
          <li key={location}>
            <button
              type="button"
              aria-pressed={isSelected}
              onClick={() => onToggle(location)}
              className={cn(
                "grid w-full cursor-pointer grid-cols-[minmax(7rem,10rem)_1fr_auto] items-center gap-3 rounded-md px-2 py-1 text-left text-sm transition-colors hover:bg-accent",
                "outline-none focus-visible:outline-2 focus-visible:outline-ring",
                isSelected && "bg-info-subtle",
              )}
            >
              <span className="truncate">{location}</span>
              <span aria-hidden className="h-2 overflow-hidden rounded-full bg-muted">
                <span
                  className="block h-full rounded-full bg-primary"
                  style={{ width: `${Math.max(2, (count / max) * 100)}%` }}
                />
              </span>
              <span className="text-right tabular-nums">{formatNumber(count)}</span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}
