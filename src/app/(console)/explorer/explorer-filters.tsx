"use client";

import { X } from "lucide-react";
import { DataTableFacetedFilter, type FacetOption } from "@/components/data-table/faceted-filter";
import { DataTableSearchInput } from "@/components/data-table/search-input";
import { DataTableToolbar } from "@/components/data-table/toolbar";
import { useTableUrl } from "@/components/data-table/use-table-url";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/select";

/** Every URL param that narrows the search; Reset clears them and keeps the time range. */
export const EXPLORER_FILTER_PARAMS = [
  "sender",
  "recipient",
  "subject",
  "urlDomain",
  "sha256",
  "threat",
  "direction",
  "location",
  "deliveryAction",
  "senderIp",
  "senderDomain",
  "additionalAction",
] as const;

export type TExplorerRange = "24h" | "7d" | "30d" | "custom";

export type TExplorerFacets = {
  threat: FacetOption[];
  direction: FacetOption[];
  location: FacetOption[];
  additionalAction: FacetOption[];
};

const RANGE_OPTIONS = [
  { value: "24h", label: "Last 24 hours" },
  { value: "7d", label: "Last 7 days" },
  { value: "30d", label: "Last 30 days" },
] as const;

// Filters with no field of their own in the bar, reached from links (e.g. a message's sender IP); shown as chips
// so a search is never narrowed by something the user cannot see. An Additional action typed into the URL that is
// none of the control's choices is one of them.
const LINKED_FILTERS = [
  { param: "senderIp", label: "Sender IP" },
  { param: "senderDomain", label: "Sender domain" },
  { param: "deliveryAction", label: "Delivery action" },
  { param: "additionalAction", label: "Additional action" },
] as const;

const SHA256 = /^[0-9a-fA-F]{64}$/;

export function ExplorerFilters({ range, facets }: { range: TExplorerRange; facets: TExplorerFacets }) {
  const url = useTableUrl();
  const sha256 = url.getParam("sha256");
  const isBadSha = sha256 !== undefined && sha256 !== "" && !SHA256.test(sha256);

  return (
    <div className="space-y-2">
      <div className="grid grid-cols-1 gap-2 sm:grid-cols-2 lg:grid-cols-3">
        <label className="flex items-center gap-2">
          <span className="sr-only">Time range</span>
          <Select
            value={range}
            className="w-full [&_select]:h-8"
            // The default range is left out of the URL, like every other default.
            onChange={(event) =>
              url.setParams({ range: event.target.value === "7d" ? null : event.target.value, from: null, to: null })
            }
          >
            {RANGE_OPTIONS.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
            {range === "custom" ? <option value="custom">Custom range</option> : null}
          </Select>
        </label>
        <DataTableSearchInput
          param="sender"
          label="Sender"
          placeholder="Sender address or domain"
          className="sm:w-auto"
        />
        <DataTableSearchInput
          param="recipient"
          label="Recipient"
          placeholder="Recipient address or domain"
          className="sm:w-auto"
        />
        <DataTableSearchInput param="subject" label="Subject" placeholder="Subject contains" className="sm:w-auto" />
        <DataTableSearchInput
          param="urlDomain"
          label="URL domain"
          placeholder="URL domain, e.g. contoso.com"
          className="sm:w-auto"
        />
        <DataTableSearchInput
          param="sha256"
          label="Attachment SHA-256"
          placeholder="Attachment SHA-256"
          className="sm:w-auto"
        />
      </div>
      {isBadSha ? (
        <p role="status" className="text-xs text-high-foreground">
          A SHA-256 is 64 hexadecimal characters; the attachment filter is ignored until it is complete.
        </p>
      ) : null}
      <DataTableToolbar filterParams={EXPLORER_FILTER_PARAMS}>
        <DataTableFacetedFilter param="threat" title="Threat" options={facets.threat} />
        <DataTableFacetedFilter param="direction" title="Direction" options={facets.direction} />
        <DataTableFacetedFilter param="location" title="Latest delivery location" options={facets.location} />
        <DataTableFacetedFilter
          param="additionalAction"
          title="Additional action"
          options={facets.additionalAction}
          isMulti={false}
        />
        {LINKED_FILTERS.map(({ param, label }) => {
          const value = url.getParam(param);
          const hasControl =
            param === "additionalAction" && facets.additionalAction.some((option) => option.value === value);
          return value && !hasControl ? (
            <Button
              key={param}
              variant="secondary"
              size="sm"
              onClick={() => url.setParams({ [param]: null })}
              aria-label={`Remove the filter ${label}: ${value}`}
            >
              {label}: {value}
              <X aria-hidden />
            </Button>
          ) : null;
        })}
      </DataTableToolbar>
    </div>
  );
}
