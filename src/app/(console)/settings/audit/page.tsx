import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { listAudit, ZAuditListQuery } from "@/server/audit/audit.queries";
import { requirePagePermission } from "@/server/auth/page-guard";
import { parseLenient } from "@/server/http/pagination";
import { AuditTable } from "./audit-table";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requirePagePermission("audit:read");
  const query = parseLenient(ZAuditListQuery, await searchParams);
  const page = await listAudit(query);
  return (
    <div>
      <PageHeader
        title="Audit log"
        description="Every sign-in, decision and change, with who made it and what it changed."
      />
      <AuditTable data={page} sort={query.sort} />
    </div>
  );
}
