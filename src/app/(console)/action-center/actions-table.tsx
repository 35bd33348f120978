"use client";

import { PriorityAccountFilter } from "@/components/console/priority-account-tag";
import { Check, ListChecks, X } from "lucide-react";
import { useRouter } from "next/navigation";
import { useCallback, useMemo, useState } from "react";
import { ClusterFlyout } from "@/components/clusters/cluster-flyout";
import { DataTable } from "@/components/data-table/data-table";
import { DataTableFacetedFilter, type FacetOption } from "@/components/data-table/faceted-filter";
import { pageProps } from "@/components/data-table/table-params";
import { DataTableToolbar } from "@/components/data-table/toolbar";
import { useTableUrl } from "@/components/data-table/use-table-url";
import { ListEmptyState } from "@/components/console/list-empty-state";
import { OutcomeNotice } from "@/components/console/outcome-notice";
import { Button } from "@/components/ui/button";
import { apiErrorMessage, callApi } from "@/lib/api-client";
import type { TDecision, TDecisionOutcome } from "@/lib/decision-outcome";
import { ACTION_SOURCE_LABELS, ACTION_STATUS_LABELS, PERIOD_LABELS, actionTypeLabel, toOptions } from "@/lib/labels";
import { formatDateTime, formatNumber } from "@/lib/utils";
import { HISTORY_COLUMNS, PENDING_COLUMNS, rowMenuColumn, type TActionRow } from "./action-columns";
import { DecisionDialog, type TDecisionRequest } from "./decision-dialog";

export type { TActionRow } from "./action-columns";

type TActionsTableProps = {
  view: "pending" | "history";
  data: { items: TActionRow[]; total: number; page: number; pageSize: number };
  sort: string;
  types: string[];
  /** Security Operator and up: selection, Approve / Reject on Pending, Move to Inbox / Junk in History's cluster flyout. */
  canDecide: boolean;
  /** The signed-in user's id: their own first approvals cannot be approved again by them. */
  viewerId: string | null;
  /** May assess a cluster as a whole (learnt as knowledge about the campaign). */
  canAssess: boolean;
};

const FILTER_PARAMS = [
  "decidedBy",
  "source",
  "type",
  "status",
  "investigation",
  "priorityAccount",
  "period",
  "from",
  "to",
] as const;

const DECIDED_BY_OPTIONS: FacetOption[] = [
  { value: "automation", label: "Automation" },
  { value: "user", label: "A person" },
];

// Pending rows are all Pending; the status filter only narrows History.
const HISTORY_STATUS_OPTIONS = toOptions(ACTION_STATUS_LABELS).filter((option) => option.value !== "Pending");

/** A filter that has no menu of its own (it arrives by link), shown while set and removable. */
function UrlFilterChip({ param, label }: { param: string; label: (value: string) => string }) {
  const url = useTableUrl();
  const value = url.getParam(param);
  if (!value) return null;
  const text = label(value);
  return (
    <Button
      variant="secondary"
      size="sm"
      onClick={() => url.setParams({ [param]: null })}
      aria-label={`Remove filter: ${text}`}
    >
      {text}
      <X aria-hidden />
    </Button>
  );
}

const dateLabel = (value: string) => (Number.isNaN(new Date(value).getTime()) ? value : formatDateTime(value));

export function ActionsTable({ view, data, sort, types, canDecide, canAssess, viewerId }: TActionsTableProps) {
  const router = useRouter();
  const isPending = view === "pending";
  const isDeciding = isPending && canDecide;
  const [request, setRequest] = useState<TDecisionRequest | null>(null);
  const [outcome, setOutcome] = useState<TDecisionOutcome | null>(null);
  const onDecide = useCallback((decision: TDecision, actions: TActionRow[]) => setRequest({ decision, actions }), []);
  const onRetry = useCallback(
    async (action: TActionRow) => {
      try {
        const retried = await callApi("POST /api/v1/actions/{id}/retry", { params: { id: action.id } });
        setOutcome({
          message: `Retried #${action.id}: ${formatNumber(retried.successCount)} done, ${formatNumber(retried.failedCount)} failed`,
          isClean: retried.failedCount === 0,
        });
        router.refresh();
      } catch (caught) {
        setOutcome({ message: apiErrorMessage(caught, "The retry failed"), isClean: false });
      }
    },
    [router],
  );
  const columns = useMemo(
    () => [
      ...(isPending ? PENDING_COLUMNS : HISTORY_COLUMNS),
      rowMenuColumn(isDeciding ? onDecide : undefined, !isPending && canDecide ? onRetry : undefined, viewerId),
    ],
    [isDeciding, isPending, onDecide, canDecide, onRetry, viewerId],
  );

  function onDecided(next: TDecisionOutcome) {
    setRequest(null);
    setOutcome(next);
    // Decided rows leave Pending for History; the new page of rows also clears the selection.
    router.refresh();
  }

  return (
    <div className="space-y-3">
      {outcome ? <OutcomeNotice outcome={outcome} onDismiss={() => setOutcome(null)} /> : null}
      <DecisionDialog request={request} onClose={() => setRequest(null)} onDecided={onDecided} />
      <ClusterFlyout canRevert={!isPending && canDecide} canAssess={canAssess} />
      <DataTable
        label={isPending ? "Pending actions" : "Action history"}
        columns={columns}
        enableRowSelection={isDeciding}
        renderSelectionActions={
          isDeciding
            ? (rows) => (
                <>
                  <Button size="sm" onClick={() => onDecide("approve", rows)}>
                    <Check aria-hidden />
                    Approve
                  </Button>
                  <Button size="sm" variant="outline" onClick={() => onDecide("reject", rows)}>
                    <X aria-hidden />
                    Reject
                  </Button>
                </>
              )
            : undefined
        }
        {...pageProps(data, sort)}
        getRowId={(row) => String(row.id)}
        emptyState={
          <ListEmptyState
            icon={ListChecks}
            noun="actions"
            emptyTitle={isPending ? "No actions waiting for approval" : "No decided actions yet"}
            emptyDescription={
              isPending
                ? "Remediation that investigations recommend waits here for a Security Operator to approve or reject it."
                : "Approved, rejected, automatically remediated and expired actions appear here, with who decided and when."
            }
            filterParams={FILTER_PARAMS}
          />
        }
        toolbar={
          <DataTableToolbar filterParams={FILTER_PARAMS}>
            <UrlFilterChip param="investigation" label={(id) => `Investigation #${id}`} />
            <UrlFilterChip param="from" label={(value) => `From ${dateLabel(value)}`} />
            <UrlFilterChip param="to" label={(value) => `To ${dateLabel(value)}`} />
            <DataTableFacetedFilter
              param="period"
              title="Time period"
              options={toOptions(PERIOD_LABELS)}
              isMulti={false}
            />
            <DataTableFacetedFilter param="source" title="Action source" options={toOptions(ACTION_SOURCE_LABELS)} />
            <DataTableFacetedFilter
              param="type"
              title="Action type"
              options={types.map((type) => ({ value: type, label: actionTypeLabel(type) }))}
            />
            <PriorityAccountFilter />
            {isPending ? null : (
              <>
                <DataTableFacetedFilter param="status" title="Status" options={HISTORY_STATUS_OPTIONS} />
                <DataTableFacetedFilter
                  param="decidedBy"
                  title="Decided by"
                  options={DECIDED_BY_OPTIONS}
                  isMulti={false}
                />
              </>
            )}
          </DataTableToolbar>
        }
      />
    </div>
  );
}
