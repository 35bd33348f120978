import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePermission } from "@/server/auth/page-guard";
import { can } from "@/server/auth/permissions";
import { parseLenient } from "@/server/http/pagination";
import { listSubmissions } from "@/server/submissions/submissions.queries";
import { ZSubmissionListQuery } from "@/server/submissions/submissions.schemas";
import { SubmissionsTable } from "./submissions-table";

export const metadata: Metadata = { title: "Submissions" };

export default async function SubmissionsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const principal = await requirePagePermission("submissions:read");
  const query = parseLenient(ZSubmissionListQuery, await searchParams);
  const page = await listSubmissions(query);
  return (
    <div>
      <PageHeader
        title="Submissions"
        description="Messages users reported as phish or malware, newest first, with the verdict of the investigation each report started."
      />
      <SubmissionsTable data={page} sort={query.sort} canAssess={can(principal.role, "submissions:assess")} />
    </div>
  );
}
