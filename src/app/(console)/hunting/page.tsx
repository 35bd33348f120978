import { Info } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { focusRing } from "@/components/ui/button";
import { cn, formatNumber } from "@/lib/utils";
import { requirePagePermission } from "@/server/auth/page-guard";
import { getHuntingSchema } from "@/server/hunting/hunting.queries";
import { HuntingTableCard, rowCountLabel } from "./hunting-table-card";

export const metadata: Metadata = { title: "Advanced hunting" };

export default async function HuntingPage() {
  await requirePagePermission("console:read");
  const { tables } = await getHuntingSchema();
  return (
    <div className="space-y-6">
      <PageHeader title="Advanced hunting" description="The tables and columns hunting queries run over, named as in Microsoft Defender's advanced hunting." />
      <aside className="flex gap-3 rounded-lg border border-info/30 bg-info-subtle p-4 text-sm text-info-foreground">
        <Info className="mt-0.5 size-4 shrink-0" aria-hidden />
        <div className="space-y-1">
          <p className="font-semibold">The query editor is not available yet</p>
          <p>
            Writing and running queries arrives with the next hunting release. Until then, this schema reference lists every table and column those
            queries will use, and{" "}
            <Link href="/explorer" className="font-medium underline underline-offset-2">
              Threat Explorer
            </Link>{" "}
            searches email.
          </p>
        </div>
      </aside>
      <nav aria-label="Tables">
        <ul className="grid grid-cols-1 gap-2 sm:grid-cols-2 sm:gap-3 xl:grid-cols-3">
          {tables.map((table) => (
            <li key={table.name}>
              <a href={`#${table.name}`} className={cn("block h-full rounded-lg border bg-card p-3 shadow-xs transition-colors hover:bg-muted/60", focusRing)}>
                <span className="block font-mono text-sm font-semibold text-link">{table.name}</span>
                {/* On a phone the six links stay short; each section repeats its description anyway. */}
                <span className="mt-0.5 hidden text-xs text-muted-foreground sm:block">{table.description}</span>
                <span className="mt-2 block text-xs tabular-nums">
                  {rowCountLabel(table.approximateRowCount)} · {formatNumber(table.columns.length)} columns
                </span>
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {tables.map((table) => (
        <HuntingTableCard key={table.name} table={table} />
      ))}
      <p className="text-xs text-muted-foreground">Row counts are PostgreSQL&apos;s planner estimates: instant at any size, and refreshed as the tables are analysed.</p>
    </div>
  );
}
