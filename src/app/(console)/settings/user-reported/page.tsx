import type { Metadata } from "next";
import { BackLink } from "@/components/console/back-link";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePermission } from "@/server/auth/page-guard";
import { can } from "@/server/auth/permissions";
import { listRecentReporterNotices, listRecentReportingItems } from "@/server/user-reported/user-reported.queries";
import { getUserReportedSettingsView } from "@/server/user-reported/user-reported-settings.service";
import { ReportingLog } from "./reporting-log";
import { UserReportedSettingsForm } from "./user-reported-settings-form";

export const metadata: Metadata = { title: "User reported settings" };

export default async function UserReportedSettingsPage() {
  const principal = await requirePagePermission("settings:read");
  const [settings, items, notices] = await Promise.all([
    getUserReportedSettingsView(),
    listRecentReportingItems(),
    listRecentReporterNotices(),
  ]);
  return (
    <div className="space-y-8">
      <div>
        <BackLink href="/settings" label="Settings" />
        <PageHeader
          title="User reported settings"
          description="The mailbox users report suspicious messages to, how the type of a report is read, and the email reporters get once their report is judged."
        />
        <UserReportedSettingsForm settings={settings} canEdit={can(principal.role, "settings:write")} />
      </div>
      <ReportingLog items={items} notices={notices} />
    </div>
  );
}
