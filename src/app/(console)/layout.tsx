import type { ReactNode } from "react";
import { TablePreferencesProvider } from "@/components/data-table/table-preferences";
import { ConsoleShell } from "@/components/layout/console-shell";
import { requirePagePermission } from "@/server/auth/page-guard";
import { listTableColumns } from "@/server/preferences/table-columns.service";

export const dynamic = "force-dynamic";

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const principal = await requirePagePermission("console:read");
  // Loaded here, once, so every list renders the person's chosen columns on its first paint.
  const tableColumns = principal.kind === "user" ? await listTableColumns(principal) : {};
  return (
    <ConsoleShell user={{ name: principal.name, email: principal.email ?? "", role: principal.role }}>
      <TablePreferencesProvider initial={tableColumns}>{children}</TablePreferencesProvider>
    </ConsoleShell>
  );
}
