import type { Metadata } from "next";
import { BackLink } from "@/components/console/back-link";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePermission } from "@/server/auth/page-guard";
import { BUILT_IN_SHARED_HOSTS } from "@/server/campaigns/shared-hosts";
import { can } from "@/server/auth/permissions";
import { parseLenient } from "@/server/http/pagination";
import { BUILT_IN_BRANDS } from "@/server/verdicts/brands";
import { ZLearnedListQuery } from "@/server/verdicts/detection-settings.schemas";
import { getDetectionSettings } from "@/server/verdicts/detection-settings.service";
import { listLearned } from "@/server/verdicts/learned-verdicts";
import { DetectionSettingsForm } from "./detection-settings-form";
import { LearnedTable } from "./learned-table";

export const metadata: Metadata = { title: "Detection" };

export default async function DetectionSettingsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const principal = await requirePagePermission("settings:read");
  const [settings, learned] = await Promise.all([
    getDetectionSettings(),
    listLearned(parseLenient(ZLearnedListQuery, await searchParams)),
  ]);
  const canEdit = can(principal.role, "settings:write");
  return (
    <div className="space-y-6">
      <div>
        <BackLink href="/settings" label="Settings" />
        <PageHeader
          title="Detection"
          description="How the detection engine reads mail: whose authentication results it trusts, which brands it knows, and what analysts' assessments taught it."
        />
      </div>
      <DetectionSettingsForm
        settings={settings}
        canEdit={canEdit}
        builtInBrandCount={BUILT_IN_BRANDS.length}
        builtInSharedHosts={BUILT_IN_SHARED_HOSTS}
      />
      <section className="space-y-2" aria-labelledby="learned-heading">
        <h2 id="learned-heading" className="text-lg font-semibold">
          Learnt from analysts
        </h2>
        <p className="max-w-3xl text-sm text-muted-foreground">
          Setting an assessment on a submission (Clean, Spam, Phish or Malware) teaches the engine about that campaign:
          its sender, Reply-To, link hosts, files and body. Later messages that share one are judged the same way at
          once, citing the assessment, until the knowledge expires or is removed here.
        </p>
        <LearnedTable data={learned} canRemove={canEdit} />
      </section>
    </div>
  );
}
