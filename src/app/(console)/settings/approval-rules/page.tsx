import type { Metadata } from "next";
import { BackLink } from "@/components/console/back-link";
import { PageHeader } from "@/components/ui/page-header";
import { getApprovalRules } from "@/server/approval-rules/approval-rules.service";
import { requirePagePermission } from "@/server/auth/page-guard";
import { can } from "@/server/auth/permissions";
import { ApprovalRulesForm } from "./approval-rules-form";

export const metadata: Metadata = { title: "Approval rules" };

export default async function ApprovalRulesPage() {
  const principal = await requirePagePermission("settings:read");
  const settings = await getApprovalRules();
  return (
    <div>
      <BackLink href="/settings" label="Settings" />
      <PageHeader
        title="Approval rules"
        description="Two-person rules: an action that matches one needs approvals by two different people before it runs. A rejection by either ends it."
      />
      <ApprovalRulesForm settings={settings} canEdit={can(principal.role, "settings:write")} />
    </div>
  );
}
