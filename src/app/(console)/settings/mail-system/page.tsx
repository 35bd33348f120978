import type { Metadata } from "next";
import { BackLink } from "@/components/console/back-link";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePermission } from "@/server/auth/page-guard";
import { can } from "@/server/auth/permissions";
import { getMailSystemSettingsView, MAIL_SYSTEM_ENVIRONMENT } from "@/server/mail-system/mail-system-settings.service";
import { huntingStoreStatus } from "@/server/hunting/store/hunting-store";
import { HuntingStoreStatus } from "./hunting-store-status";
import { MailSystemSettingsForm } from "./mail-system-settings-form";

export const metadata: Metadata = { title: "Mail system" };

export default async function MailSystemSettingsPage() {
  const principal = await requirePagePermission("settings:read");
  const [settings, huntingStore] = await Promise.all([getMailSystemSettingsView(), huntingStoreStatus()]);
  // Fields an environment variable sets cannot be changed here: the page names the variable instead.
  const lockedBy = Object.fromEntries(settings.fromEnvironment.map((field) => [field, MAIL_SYSTEM_ENVIRONMENT[field]]));
  return (
    <div>
      <BackLink href="/settings" label="Settings" />
      <PageHeader
        title="Mail system"
        description="Where Breakwater's decisions take effect: on its own tenant store, or on your Postfix and Dovecot, where restricted senders are refused at SMTP and remediated messages really leave the mailboxes."
      />
      <MailSystemSettingsForm settings={settings} lockedBy={lockedBy} canEdit={can(principal.role, "settings:write")} />
      <HuntingStoreStatus status={huntingStore} />
    </div>
  );
}
