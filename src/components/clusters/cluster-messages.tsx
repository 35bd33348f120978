"use client";

import { ChevronLeft, ChevronRight, Search } from "lucide-react";
import Link from "next/link";
import { useEffect, useState } from "react";
import { SimpleTable } from "@/components/console/simple-table";
import { Button } from "@/components/ui/button";
import { ErrorState } from "@/components/ui/error-state";
import { Input } from "@/components/ui/input";
import { Skeleton } from "@/components/ui/skeleton";
import { useApiResource } from "@/hooks/use-api-resource";
import { cn, formatDateTime, formatNumber } from "@/lib/utils";
import type { TClusterMessage } from "./cluster-types";

const PAGE_SIZE = 10;

const COLUMNS = [
  {
    header: "Time",
    className: "whitespace-nowrap",
    cell: (message: TClusterMessage) => formatDateTime(message.timestamp),
  },
  {
    header: "Recipient",
    className: "max-w-48 truncate",
    cell: (message: TClusterMessage) => (
      <span title={message.recipientEmailAddress}>{message.recipientEmailAddress}</span>
    ),
  },
  {
    header: "Subject",
    className: "max-w-56 truncate",
    cell: (message: TClusterMessage) => (
      <Link
        href={`/explorer/email/${message.networkMessageId}`}
        className="text-link hover:underline"
        title={message.subject}
      >
        {message.subject || "(no subject)"}
      </Link>
    ),
  },
  {
    header: "Location",
    className: "whitespace-nowrap",
    cell: (message: TClusterMessage) => message.latestDeliveryLocation,
  },
  // Only a mail-system connector records a result per copy; the built-in one moves the whole cluster in one statement.
  {
    header: "Result",
    className: "max-w-48 truncate",
    cell: (message: TClusterMessage) =>
      message.result ? (
        <span title={message.resultReason ?? undefined}>
          {RESULT_LABELS[message.result] ?? message.result}
          {message.resultReason ? `: ${message.resultReason}` : ""}
        </span>
      ) : (
        <span className="text-muted-foreground">—</span>
      ),
  },
];

const RESULT_LABELS: Record<string, string> = {
  Success: "Success",
  Failed: "Failed",
  AlreadyInDestination: "Already in destination",
};

type TClusterMessagesProps = {
  clusterId: number;
  locations: readonly string[];
  /** Changes after the messages moved (a revert), to load the page again. */
  version: number;
};

/** The cluster's messages, a page at a time from the API; searchable by recipient or subject. */
export function ClusterMessages({ clusterId, locations, version }: TClusterMessagesProps) {
  const [typed, setTyped] = useState("");
  const [search, setSearch] = useState("");
  const [page, setPage] = useState(1);
  const filterKey = `${locations.join(",")}|${search}|${version}`;
  const [seenFilterKey, setSeenFilterKey] = useState(filterKey);
  // A new filter changes which pages exist: start again from the first.
  if (filterKey !== seenFilterKey) {
    setSeenFilterKey(filterKey);
    setPage(1);
  }
  const { data, error, isLoading, reload } = useApiResource(
    "GET /api/v1/clusters/{id}/messages",
    { params: { id: clusterId }, query: { page, pageSize: PAGE_SIZE, location: locations.join(","), q: search } },
    {
      failure: "The messages could not be loaded",
      refreshKey: version,
    },
  );

  useEffect(() => {
    const timer = setTimeout(() => setSearch(typed.trim()), 300);
    return () => clearTimeout(timer);
  }, [typed]);

  const pageCount = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;
  const from = data?.total ? (data.page - 1) * PAGE_SIZE + 1 : 0;
  const to = data ? Math.min(data.page * PAGE_SIZE, data.total) : 0;

  return (
    <div className="space-y-2">
      <div className="relative">
        <Search
          aria-hidden
          className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-muted-foreground"
        />
        <Input
          type="search"
          value={typed}
          onChange={(event) => setTyped(event.target.value)}
          placeholder="Search recipient or subject"
          aria-label="Search messages by recipient or subject"
          className="h-8 pl-8"
        />
      </div>
      {error && !data ? (
        <ErrorState
          description={error}
          action={
            <Button variant="outline" size="sm" onClick={reload}>
              Try again
            </Button>
          }
          className="py-6"
        />
      ) : !data ? (
        <div role="status" aria-label="Loading messages" className="space-y-2">
          {Array.from({ length: 4 }, (_, index) => (
            <Skeleton key={index} className="h-8 w-full" />
          ))}
        </div>
      ) : (
        <div aria-busy={isLoading} className={cn("transition-opacity", isLoading && "opacity-60")}>
          <SimpleTable
            label="Cluster messages"
            columns={COLUMNS}
            rows={data.items}
            getKey={(message) => message.id}
            emptyTitle={locations.length || search ? "No messages match" : "No messages"}
            emptyDescription={
              locations.length || search
                ? "Clear the search or the location to see all of the cluster's messages."
                : "The cluster's messages are no longer stored."
            }
          />
        </div>
      )}
      {error && data ? (
        <p role="alert" className="text-sm text-destructive">
          {error}
        </p>
      ) : null}
      {data && data.total > 0 ? (
        <nav
          aria-label="Messages pages"
          className="flex items-center justify-between gap-2 text-sm text-muted-foreground"
        >
          <p aria-live="polite" className="tabular-nums">
            {formatNumber(from)}–{formatNumber(to)} of {formatNumber(data.total)}
          </p>
          <div className="flex items-center gap-1">
            <Button
              variant="outline"
              size="icon-sm"
              aria-label="Previous page"
              disabled={page <= 1 || isLoading}
              onClick={() => setPage(page - 1)}
            >
              <ChevronLeft aria-hidden />
            </Button>
            <span className="px-1 tabular-nums">
              {formatNumber(page)} / {formatNumber(pageCount)}
            </span>
            <Button
              variant="outline"
              size="icon-sm"
              aria-label="Next page"
              disabled={page >= pageCount || isLoading}
              onClick={() => setPage(page + 1)}
            >
              <ChevronRight aria-hidden />
            </Button>
          </div>
        </nav>
      ) : null}
    </div>
  );
}
