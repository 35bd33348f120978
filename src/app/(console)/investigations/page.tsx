import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePermission } from "@/server/auth/page-guard";
import { parseLenient } from "@/server/http/pagination";
import { listInvestigations } from "@/server/investigations/investigations.queries";
import { ZInvestigationListQuery } from "@/server/investigations/investigations.schemas";
import { InvestigationsTable } from "./investigations-table";

export const metadata: Metadata = { title: "Investigations" };

export default async function InvestigationsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requirePagePermission("investigations:read");
  const query = parseLenient(ZInvestigationListQuery, await searchParams);
  const page = await listInvestigations(query);
  return (
    <div>
      <PageHeader
        title="Investigations"
        description="Automated investigations: the playbook runs started by alerts or by hand, and where each one stands."
      />
      <InvestigationsTable data={page} sort={query.sort} />
    </div>
  );
}
