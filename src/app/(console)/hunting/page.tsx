import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePermission } from "@/server/auth/page-guard";
import { can } from "@/server/auth/permissions";
import { getHuntingSchema } from "@/server/hunting/hunting.queries";
import { listSavedQueries } from "@/server/hunting/saved-queries.service";
import { HuntingTableCard } from "./hunting-table-card";
import { HuntingWorkspace } from "./hunting-workspace";

export const metadata: Metadata = { title: "Advanced hunting" };

// ?query= opens the editor on a query: an alert from a detection rule links here with the rule's query.
export default async function HuntingPage({ searchParams }: { searchParams: Promise<{ query?: string | string[] }> }) {
  const principal = await requirePagePermission("console:read");
  const { query } = await searchParams;
  const [{ tables }, savedQueries] = await Promise.all([getHuntingSchema(), listSavedQueries(principal)]);
  return (
    <div className="space-y-6">
      <PageHeader
        title="Advanced hunting"
        description="KQL over the email and identity tables, named as in Microsoft Defender's advanced hunting."
      />
      <HuntingWorkspace
        tables={tables}
        savedQueries={savedQueries.map((saved) => ({ id: saved.id, name: saved.name, query: saved.query }))}
        initialQuery={typeof query === "string" && query.trim() ? query : undefined}
        canCreateRule={can(principal.role, "detectionRules:manage")}
      />
      <h2 className="pt-4 text-lg font-semibold">Schema reference</h2>
      {tables.map((table) => (
        <HuntingTableCard key={table.name} table={table} />
      ))}
      <p className="text-xs text-muted-foreground">
        Row counts are PostgreSQL&apos;s planner estimates: instant at any size, and refreshed as the tables are
        analysed.
      </p>
    </div>
  );
}
