"use client";

import { GraduationCap } from "lucide-react";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { DateTime } from "@/components/console/date-time";
import { ListEmptyState } from "@/components/console/list-empty-state";
import { OutcomeNotice, type TOutcome } from "@/components/console/outcome-notice";
import { DataTable, type DataTableColumnDef } from "@/components/data-table/data-table";
import { removeColumn } from "@/components/data-table/remove-column";
import { DataTableSearchInput } from "@/components/data-table/search-input";
import { pageProps } from "@/components/data-table/table-params";
import { DataTableToolbar } from "@/components/data-table/toolbar";
import { Badge } from "@/components/ui/badge";
import { apiErrorMessage, callApi } from "@/lib/api-client";
import { threatTone } from "@/lib/email-threats";

type TLearnedRow = {
  id: number;
  kind: string;
  value: string;
  assessment: string;
  decidedByName: string;
  decidedAt: Date;
  submissionId: string | null;
  clusterId: number | null;
  expiresAt: Date;
};

const KIND_LABELS: Record<string, string> = {
  sender: "Sender",
  replyTo: "Reply-To",
  urlHost: "Link host",
  sha256: "File (SHA-256)",
  bodyFingerprint: "Message body",
};
const FILTER_PARAMS = ["q"] as const;

const columns: DataTableColumnDef<TLearnedRow>[] = [
  {
    accessorKey: "kind",
    header: "Type",
    enableSorting: false,
    cell: ({ row }) => KIND_LABELS[row.original.kind] ?? row.original.kind,
  },
  {
    accessorKey: "value",
    header: "Value",
    enableSorting: false,
    meta: { isPinned: true, width: "wide" },
    cell: ({ row }) => (
      <span className="font-mono text-xs" title={row.original.value}>
        {row.original.value}
      </span>
    ),
  },
  {
    accessorKey: "assessment",
    header: "Judged",
    enableSorting: false,
    meta: { isPinned: true },
    cell: ({ row }) => (
      <Badge variant={row.original.assessment === "Clean" ? "success" : threatTone(row.original.assessment)} hasDot>
        {row.original.assessment}
      </Badge>
    ),
  },
  {
    id: "by",
    header: "By",
    enableSorting: false,
    cell: ({ row }) => (
      <span>
        {row.original.decidedByName} · <DateTime value={row.original.decidedAt} />
        {row.original.submissionId ? (
          <span className="text-muted-foreground" title={`Submission ${row.original.submissionId}`}>
            {" "}
            · on a submission
          </span>
        ) : null}
        {row.original.clusterId !== null ? (
          <span className="text-muted-foreground"> · on email cluster {row.original.clusterId}</span>
        ) : null}
      </span>
    ),
  },
  {
    accessorKey: "expiresAt",
    header: "Expires",
    enableSorting: false,
    meta: { isPinned: true },
    cell: ({ row }) => <DateTime value={row.original.expiresAt} />,
  },
];

export function LearnedTable({
  data,
  canRemove,
}: {
  data: { items: TLearnedRow[]; total: number; page: number; pageSize: number };
  canRemove: boolean;
}) {
  const router = useRouter();
  const [outcome, setOutcome] = useState<TOutcome | null>(null);
  const [removing, setRemoving] = useState<number | null>(null);
  const tableColumns = useMemo(() => {
    if (!canRemove) return columns;
    const remove = removeColumn<TLearnedRow>({
      verb: "Forget",
      describe: (row) => `${KIND_LABELS[row.kind] ?? row.kind} ${row.value}`,
      isBusy: (row) => removing === row.id,
      onRemove: async (row) => {
        setRemoving(row.id);
        try {
          await callApi("DELETE /api/v1/settings/detection/learned/{id}", { params: row });
          setOutcome({
            message: `Forgot ${row.value}: later messages with it are judged on their own again.`,
            isClean: true,
          });
          router.refresh();
        } catch (caught) {
          setOutcome({ message: apiErrorMessage(caught, "It could not be forgotten"), isClean: false });
        } finally {
          setRemoving(null);
        }
      },
    });
    return [...columns, remove];
  }, [canRemove, removing, router]);

  return (
    <div className="space-y-3">
      {outcome ? <OutcomeNotice outcome={outcome} onDismiss={() => setOutcome(null)} /> : null}
      <DataTable
        label="Learnt verdicts"
        columns={tableColumns}
        {...pageProps(data, "-decidedAt")}
        getRowId={(row) => String(row.id)}
        emptyState={
          <ListEmptyState
            icon={GraduationCap}
            noun="learnt verdicts"
            emptyTitle="Nothing learnt yet"
            emptyDescription="Set an assessment on a submission (Submissions › … › Set assessment) and what it teaches is listed here."
            filterParams={FILTER_PARAMS}
          />
        }
        toolbar={
          <DataTableToolbar filterParams={FILTER_PARAMS}>
            <DataTableSearchInput param="q" placeholder="Search sender, host, hash" />
          </DataTableToolbar>
        }
      />
    </div>
  );
}
