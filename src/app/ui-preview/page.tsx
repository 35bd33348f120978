import { Inbox } from "lucide-react";

import { getParam, parseListParam, readTableParams, type SearchParamsRecord } from "@/components/data-table/table-params";
import { ConsoleShell } from "@/components/layout/console-shell";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { PageHeader } from "@/components/ui/page-header";
import { Skeleton } from "@/components/ui/skeleton";
import { StatCard } from "@/components/ui/stat-card";
import { FAKE_ROWS, type PreviewRow } from "./fake-rows";
import { PreviewDialog } from "./preview-dialog";
import { PreviewForm } from "./preview-form";
import { PreviewTable } from "./preview-table";

// Throw-away page: it pages in memory to stand in for the API the real pages call.
function queryRows(params: SearchParamsRecord) {
  const { page, pageSize, sort } = readTableParams(params, { defaultSort: { field: "createdAt", desc: true } });
  const q = getParam(params, "q")?.toLowerCase();
  const severities = parseListParam(params.severity);
  const status = getParam(params, "status");
  const filtered = FAKE_ROWS.filter(
    (row) =>
      (!q || row.title.toLowerCase().includes(q) || row.user.includes(q)) &&
      (severities.length === 0 || severities.includes(row.severity)) &&
      (!status || row.status === status),
  );
  if (sort) {
    const key = sort.field as keyof PreviewRow;
    filtered.sort((a, b) => (a[key] < b[key] ? -1 : a[key] > b[key] ? 1 : 0) * (sort.desc ? -1 : 1));
  }
  const rows = filtered.slice((page - 1) * pageSize, page * pageSize);
  return { rows, total: filtered.length, page, pageSize, sort };
}

export default async function UiPreviewPage({ searchParams }: { searchParams: Promise<SearchParamsRecord> }) {
  const result = queryRows(await searchParams);
  return (
    <ConsoleShell user={{ name: "Adele Vance", email: "adele.vance@contoso.example", role: "operator" }}>
      <PageHeader
        title="Alerts"
        description="Alerts raised by the built-in policies, newest first."
        actions={
          <>
            <Button variant="outline">Export</Button>
            <PreviewDialog />
          </>
        }
      />
      <div className="mb-6 grid grid-cols-2 gap-3 xl:grid-cols-4">
        <StatCard label="High severity alerts" value="12" hint="last 7 days" tone="high" href="/alerts?severity=high" />
        <StatCard label="Pending actions" value="4" hint="waiting for approval" tone="medium" href="/action-center" />
        <StatCard label="Running investigations" value="7" tone="info" />
        <StatCard label="Remediated clusters" value="104,213" hint="messages soft deleted" tone="success" />
      </div>
      <div className="mb-6 flex flex-wrap gap-2">
        <Badge variant="high" hasDot>High</Badge>
        <Badge variant="medium" hasDot>Medium</Badge>
        <Badge variant="low" hasDot>Low</Badge>
        <Badge variant="informational" hasDot>Informational</Badge>
        <Badge variant="success">Remediated</Badge>
        <Badge variant="info">Running</Badge>
        <Badge variant="destructive">Failed</Badge>
        <Badge variant="outline">Outline</Badge>
        <Badge variant="default">Default</Badge>
      </div>
      <PreviewTable {...result} />
      <div className="mt-6 grid gap-4 lg:grid-cols-3">
        <Card>
          <EmptyState
            icon={Inbox}
            title="No pending actions"
            description="Actions that need approval show up here."
            action={<Button variant="outline" size="sm">View history</Button>}
          />
        </Card>
        <Card>
          <ErrorState action={<Button variant="outline" size="sm">Try again</Button>} />
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Automation settings</CardTitle>
            <CardDescription>Loading skeleton and form controls</CardDescription>
          </CardHeader>
          <CardContent className="space-y-3">
            <Skeleton className="h-4 w-3/4" />
            <Skeleton className="h-4 w-1/2" />
            <PreviewForm />
          </CardContent>
        </Card>
      </div>
    </ConsoleShell>
  );
}
