import type { Metadata } from "next";
import Link from "next/link";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/server/auth/permissions";
import { requirePagePermission } from "@/server/auth/page-guard";

export const metadata: Metadata = { title: "Settings" };

const SECTIONS = [
  {
    href: "/settings/alert-policies",
    title: "Alert policies",
    description: "Which detections run, the severity of their alerts, and the outbound sending limits.",
    adminOnly: false,
  },
  { href: "/settings/users", title: "Users", description: "Who can sign in to the console, and with which role.", adminOnly: true },
  { href: "/settings/api-tokens", title: "API tokens", description: "Tokens for scripts and mail systems that call the API.", adminOnly: true },
  { href: "/settings/audit", title: "Audit log", description: "Every decision and change: who, what, when, before and after.", adminOnly: false },
];

export default async function SettingsPage() {
  const principal = await requirePagePermission("settings:read");
  const sections = SECTIONS.filter((section) => !section.adminOnly || can(principal.role, "users:manage"));
  return (
    <div>
      <PageHeader title="Settings" description="Detections, console access and records." />
      <div className="grid grid-cols-1 gap-4 md:grid-cols-2 xl:grid-cols-3">
        {sections.map((section) => (
          <Link key={section.href} href={section.href} className="rounded-lg focus-visible:outline-2 focus-visible:outline-ring">
            <Card className="h-full transition-colors hover:bg-accent/50">
              <CardHeader>
                <CardTitle>{section.title}</CardTitle>
                <CardDescription>{section.description}</CardDescription>
              </CardHeader>
            </Card>
          </Link>
        ))}
      </div>
    </div>
  );
}
