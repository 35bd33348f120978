import { DataTableFacetedFilter } from "@/components/data-table/faceted-filter";

/** Defender's priority account tag: beside an address, or on a row that involves one. */
export function PriorityAccountTag({ label = "Priority" }: { label?: string }) {
  return (
    <span
      className="mr-1 w-fit whitespace-nowrap rounded bg-high-subtle px-1 text-xs font-medium text-high-foreground"
      title="Priority account"
    >
      {label}
    </span>
  );
}

export function UserAddress({ address, isPriority }: { address: string; isPriority: boolean }) {
  return (
    <span title={address}>
      {isPriority ? <PriorityAccountTag /> : null}
      {address}
    </span>
  );
}

const PRIORITY_OPTIONS = [
  { value: "true", label: "Priority accounts" },
  { value: "false", label: "Other users" },
];

/** The lists' `priorityAccount` filter: what involves a priority account, or what does not. */
export function PriorityAccountFilter() {
  return (
    <DataTableFacetedFilter
      param="priorityAccount"
      title="Priority account"
      options={PRIORITY_OPTIONS}
      isMulti={false}
    />
  );
}
