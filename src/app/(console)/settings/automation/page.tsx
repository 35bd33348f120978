import type { Metadata } from "next";
import { BackLink } from "@/components/console/back-link";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePermission } from "@/server/auth/page-guard";
import { can } from "@/server/auth/permissions";
import { getAutomationSettings } from "@/server/settings/automation-settings.service";
import { AutomationSettingsForm } from "./automation-settings-form";

export const metadata: Metadata = { title: "Automation settings" };

export default async function AutomationSettingsPage() {
  const principal = await requirePagePermission("settings:read");
  const settings = await getAutomationSettings();
  return (
    <div>
      <BackLink href="/settings" label="Settings" />
      <PageHeader
        title="Automation settings"
        description="Which message clusters automated investigation remediates without waiting for approval, the action it takes on them, whether large email actions run on a sample first (canary runs), and whether a finished investigation resolves its alerts."
      />
      <AutomationSettingsForm settings={settings} canEdit={can(principal.role, "settings:write")} />
    </div>
  );
}
