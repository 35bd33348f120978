import Link from "next/link";
import { ClusterLink } from "@/components/clusters/cluster-link";
import { SimpleTable } from "@/components/console/simple-table";
import { VerdictBadge } from "@/components/console/status-badges";
import { buttonVariants } from "@/components/ui/button";
import { entityKindLabel } from "@/lib/entity-kind-labels";
import { humanize } from "@/lib/labels";
import { cn, formatDateTime, formatNumber } from "@/lib/utils";
import type {
  TInvestigationEntities,
  TInvestigationEntity,
} from "@/server/investigations/investigation-entities.queries";

// The Entities tab: every entity the run looked at with its verdict, a page at a time (a run can hold thousands),
// narrowed by kind from the chips above it. The URL holds kind and page, so the graph's "+N more" nodes link here.

const linkClass = "font-medium text-link hover:underline";

function entityCell(item: TInvestigationEntity) {
  if (item.clusterId)
    return (
      <ClusterLink clusterId={item.clusterId} className="font-medium">
        {item.entity}
      </ClusterLink>
    );
  if (item.kind === "mailbox")
    return (
      <Link className={linkClass} href={`/mailboxes/${encodeURIComponent(item.entity)}`}>
        {item.entity}
      </Link>
    );
  return <span className="font-medium">{item.entity}</span>;
}

type TEntitiesPanelProps = {
  base: string;
  data: TInvestigationEntities;
  kind: string | undefined;
  stepNames: Map<string, string>;
};

export function EntitiesPanel({ base, data, kind, stepNames }: TEntitiesPanelProps) {
  const href = (params: { kind?: string; page?: number }) => {
    const query = new URLSearchParams({
      tab: "entities",
      ...(params.kind ? { kind: params.kind } : {}),
      ...(params.page && params.page > 1 ? { page: String(params.page) } : {}),
    });
    return `${base}?${query}`;
  };
  const total = data.kinds.reduce((sum, row) => sum + row.count, 0);
  const pageCount = Math.max(1, Math.ceil(data.total / data.pageSize));
  const from = data.total ? (data.page - 1) * data.pageSize + 1 : 0;
  const to = Math.min(data.page * data.pageSize, data.total);
  const columns = [
    { header: "Entity", className: "whitespace-normal min-w-56 break-all", cell: entityCell },
    { header: "Kind", cell: (item: TInvestigationEntity) => entityKindLabel(item.kind) },
    { header: "Verdict", cell: (item: TInvestigationEntity) => <VerdictBadge verdict={item.verdict} /> },
    {
      header: "Found by",
      className: "whitespace-normal min-w-40",
      cell: (item: TInvestigationEntity) =>
        item.stepKey
          ? (stepNames.get(item.stepKey) ?? humanize(item.stepKey))
          : `Email cluster · ${formatNumber(item.messageCount ?? 0)} messages`,
    },
    { header: "Time", cell: (item: TInvestigationEntity) => formatDateTime(item.createdAt) },
  ];
  const chip = (isActive: boolean) =>
    cn(
      "inline-flex h-8 items-center gap-1 rounded-full border px-3 text-xs font-medium",
      isActive ? "border-primary bg-accent text-foreground" : "text-muted-foreground hover:bg-accent",
    );
  return (
    <div className="space-y-3">
      <nav aria-label="Entity kinds" className="flex flex-wrap gap-2">
        <Link href={href({})} className={chip(!kind)} aria-current={!kind ? "true" : undefined}>
          All <span className="tabular-nums">{formatNumber(total)}</span>
        </Link>
        {data.kinds.map((row) => (
          <Link
            key={row.kind}
            href={href({ kind: row.kind })}
            className={chip(kind === row.kind)}
            aria-current={kind === row.kind ? "true" : undefined}
          >
            {entityKindLabel(row.kind)} <span className="tabular-nums">{formatNumber(row.count)}</span>
          </Link>
        ))}
      </nav>
      <SimpleTable
        label="Entities"
        columns={columns}
        rows={data.items}
        getKey={(item) => `${item.kind}|${item.clusterId ?? ""}|${item.entity}`}
        emptyTitle="No entities"
        emptyDescription="Mailboxes, emails, URLs, files, IPs and clusters appear here as the playbook looks at them."
      />
      {data.total > data.pageSize ? (
        <nav
          aria-label="Entities pages"
          className="flex flex-wrap items-center justify-between gap-2 text-sm text-muted-foreground"
        >
          <span>
            {formatNumber(from)}–{formatNumber(to)} of {formatNumber(data.total)}
          </span>
          <span className="flex gap-2">
            {data.page > 1 ? (
              <Link
                className={buttonVariants({ variant: "outline", size: "sm" })}
                href={href({ kind, page: data.page - 1 })}
              >
                Previous
              </Link>
            ) : null}
            {data.page < pageCount ? (
              <Link
                className={buttonVariants({ variant: "outline", size: "sm" })}
                href={href({ kind, page: data.page + 1 })}
              >
                Next
              </Link>
            ) : null}
          </span>
        </nav>
      ) : null}
    </div>
  );
}
