import type { Metadata } from "next";
import Link from "next/link";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/server/auth/permissions";
import { requirePagePermission } from "@/server/auth/page-guard";

export const metadata: Metadata = { title: "Settings" };

// Grouped as in Defender's Settings, where automated remediation lives under Email & collaboration.
const GROUPS = [
  {
    id: "email",
    title: "Email & collaboration",
    sections: [
      {
        href: "/settings/automation",
        title: "Automation settings",
        description:
          "Which message clusters are remediated without approval (Similar files, Similar URLs), and the remediation action.",
        adminOnly: false,
      },
      {
        href: "/settings/approval-rules",
        title: "Approval rules",
        description:
          "Two-person rules: actions such as hard delete or disable account that need two approvers before they run.",
        adminOnly: false,
      },
      {
        href: "/settings/alert-policies",
        title: "Alert policies",
        description: "Which detections run, the severity of their alerts, and the outbound sending limits.",
        adminOnly: false,
      },
      {
        href: "/settings/detection-rules",
        title: "Detection rules",
        description:
          "Custom detection rules: hunting queries that run on a schedule, raise alerts and start investigations; their run history, and Auto-disabled ones.",
        adminOnly: false,
      },
      {
        href: "/settings/mail-system",
        title: "Mail system",
        description:
          "Where actions take effect: the built-in store or your Postfix and Dovecot (policy service, IMAP or doveadm, journal, mail log), with a connection test.",
        adminOnly: false,
      },
      {
        href: "/settings/user-reported",
        title: "User reported settings",
        description:
          "The reporting mailbox users forward suspicious mail to, how report types are read, and the email reporters get with the verdict.",
        adminOnly: false,
      },
      {
        href: "/settings/detection",
        title: "Detection",
        description:
          "Whose authentication results count, the brands impersonation is judged against, and what analysts' assessments taught the engine.",
        adminOnly: false,
      },
      {
        href: "/settings/threat-intelligence",
        title: "Threat intelligence",
        description:
          "Malicious URLs, domains, file hashes, IPs and senders that investigations judge messages against; import them as CSV.",
        adminOnly: false,
      },
    ],
  },
  {
    id: "console",
    title: "Console",
    sections: [
      {
        href: "/settings/users",
        title: "Users",
        description: "Who can sign in to the console, and with which role.",
        adminOnly: true,
      },
      {
        href: "/settings/api-tokens",
        title: "API tokens",
        description: "Tokens for scripts and mail systems that call the API.",
        adminOnly: true,
      },
      {
        href: "/settings/audit",
        title: "Audit log",
        description: "Every decision and change: who, what, when, before and after.",
        adminOnly: false,
      },
      {
        href: "/settings/integrations",
        title: "Integrations",
        description: "Webhooks that send alerts, investigation status changes and action decisions to a SIEM, signed.",
        adminOnly: true,
      },
      {
        href: "/settings/api",
        title: "API",
        description: "Every API route, the role it needs and what it takes; the OpenAPI document.",
        adminOnly: false,
      },
    ],
  },
];

export default async function SettingsPage() {
  const principal = await requirePagePermission("settings:read");
  const isAdmin = can(principal.role, "users:manage");
  return (
    <div className="space-y-8">
      <PageHeader
        title="Settings"
        description="Email automation and detections, console access and records."
        className="mb-0"
      />
      {GROUPS.map((group) => (
        <section key={group.id} aria-labelledby={`settings-${group.id}`} className="space-y-3">
          <h2 id={`settings-${group.id}`} className="text-base font-semibold">
            {group.title}
          </h2>
          <div className="grid grid-cols-1 gap-4 md:grid-cols-2 xl:grid-cols-3">
            {group.sections
              .filter((section) => !section.adminOnly || isAdmin)
              .map((section) => (
                <Link
                  key={section.href}
                  href={section.href}
                  className="rounded-lg focus-visible:outline-2 focus-visible:outline-ring"
                >
                  <Card className="h-full transition-colors hover:bg-accent/50">
                    <CardHeader>
                      <CardTitle>{section.title}</CardTitle>
                      <CardDescription>{section.description}</CardDescription>
                    </CardHeader>
                  </Card>
                </Link>
              ))}
          </div>
        </section>
      ))}
    </div>
  );
}
