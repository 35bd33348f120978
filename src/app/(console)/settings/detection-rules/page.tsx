import type { Metadata } from "next";
import { BackLink } from "@/components/console/back-link";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePermission } from "@/server/auth/page-guard";
import { can } from "@/server/auth/permissions";
import { listDetectionRules } from "@/server/detection-rules/detection-rules.service";
import { parseLenient, ZListQuery } from "@/server/http/pagination";
import { ExportRulesButton, ImportRulesDialog } from "./rules-as-code";
import { RulesTable } from "./rules-table";

export const metadata: Metadata = { title: "Detection rules" };

const ZRulesPageQuery = ZListQuery(["name"], "name");

export default async function DetectionRulesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const principal = await requirePagePermission("settings:read");
  const { page, pageSize } = parseLenient(ZRulesPageQuery, await searchParams);
  // A tenant has tens of rules: they are listed whole, by name, and paged here.
  const rules = await listDetectionRules();
  return (
    <div className="space-y-4">
      <BackLink href="/settings" label="Settings" />
      <PageHeader
        title="Detection rules"
        description="Custom detection rules: hunting queries that run on a schedule, raise an alert per entity they match, and can start an investigation. Create one from Advanced hunting, or import rules as YAML."
        actions={
          <div className="flex flex-wrap items-start gap-2">
            <ExportRulesButton />
            {can(principal.role, "detectionRules:manage") ? <ImportRulesDialog /> : null}
          </div>
        }
      />
      <RulesTable
        rules={rules.slice((page - 1) * pageSize, page * pageSize)}
        total={rules.length}
        page={page}
        pageSize={pageSize}
      />
    </div>
  );
}
