import type { ReactNode } from "react";
import { ConsoleShell } from "@/components/layout/console-shell";
import { requirePagePermission } from "@/server/auth/page-guard";

export const dynamic = "force-dynamic";

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const principal = await requirePagePermission("console:read");
  return <ConsoleShell user={{ name: principal.name, email: principal.email ?? "", role: principal.role }}>{children}</ConsoleShell>;
}
