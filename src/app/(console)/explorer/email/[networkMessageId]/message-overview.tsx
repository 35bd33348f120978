import Link from "next/link";
import type { ReactNode } from "react";
import { Badge, type BadgeVariant } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { formatBytes, formatUtcSeconds } from "@/lib/email-format";
import { cn } from "@/lib/utils";
import type { TEmailMessage } from "@/server/explorer/get-email-message";
import { ThreatBadges } from "../../threat-badges";

export function Field({ label, children, isMono = false }: { label: string; children: ReactNode; isMono?: boolean }) {
  return (
    <div className="min-w-0 space-y-0.5">
      <dt className="text-xs font-medium text-muted-foreground">{label}</dt>
      <dd className={cn("break-words", isMono && "font-mono text-xs break-all")}>{children}</dd>
    </div>
  );
}

export const pivotClass =
  "rounded-sm text-link hover:underline focus-visible:outline-2 focus-visible:outline-solid focus-visible:outline-ring";

const recordText = (record: Record<string, string | string[]>) =>
  Object.entries(record)
    .map(([key, value]) => `${key}: ${Array.isArray(value) ? value.join(", ") : value}`)
    .join("; ");

export function HeadersCard({ message, className }: { message: TEmailMessage; className?: string }) {
  const detection = recordText(message.detectionMethods);
  const confidence = recordText(message.confidenceLevel);
  return (
    <Card className={className}>
      <CardHeader>
        <CardTitle>Sender and headers</CardTitle>
      </CardHeader>
      <CardContent>
        <dl className="grid grid-cols-1 gap-x-6 gap-y-3 sm:grid-cols-2">
          <Field label="Sender (From)">
            {message.senderDisplayName ? `${message.senderDisplayName} ` : null}
            <Link
              href={`/explorer?sender=${encodeURIComponent(message.senderFromAddress)}`}
              className={pivotClass}
              title="Search Explorer for mail from this sender"
            >
              &lt;{message.senderFromAddress}&gt;
            </Link>
          </Field>
          <Field label="MAIL FROM (envelope sender)">{message.senderMailFromAddress}</Field>
          <Field label="Sender IP">
            {message.senderIPv4 ? (
              <Link
                href={`/explorer?senderIp=${encodeURIComponent(message.senderIPv4)}`}
                className={pivotClass}
                title="Search Explorer for mail from this IP address"
              >
                {message.senderIPv4}
              </Link>
            ) : (
              "—"
            )}
          </Field>
          <Field label="Direction">{message.emailDirection}</Field>
          <Field label="Received (UTC)">{formatUtcSeconds(message.timestamp)}</Field>
          <Field label="Size">{formatBytes(message.emailSize)}</Field>
          <Field label="Threats">
            <ThreatBadges threats={message.threatTypes} />
          </Field>
          <Field label="Detection technologies">{detection || "—"}</Field>
          <Field label="Confidence">{confidence || "—"}</Field>
          <Field label="Bulk complaint level (BCL)">{message.bulkComplaintLevel ?? "—"}</Field>
          {message.threatNames.length ? <Field label="Threat names">{message.threatNames.join(", ")}</Field> : null}
          {message.orgLevelAction ? (
            <Field label="Organization-level action">{`${message.orgLevelAction}${message.orgLevelPolicy ? ` (${message.orgLevelPolicy})` : ""}`}</Field>
          ) : null}
          {message.userLevelAction ? (
            <Field label="User-level action">{`${message.userLevelAction}${message.userLevelPolicy ? ` (${message.userLevelPolicy})` : ""}`}</Field>
          ) : null}
          {message.emailClusterId ? (
            <Field label="Email cluster ID" isMono>
              {message.emailClusterId}
            </Field>
          ) : null}
          <Field label="Internet message ID" isMono>
            {message.internetMessageId}
          </Field>
          <Field label="Network message ID" isMono>
            {message.networkMessageId}
          </Field>
        </dl>
      </CardContent>
    </Card>
  );
}

const AUTH_CHECKS = [
  { key: "SPF", hint: "Was the sending server allowed by the domain?" },
  { key: "DKIM", hint: "Was the message signed by the domain?" },
  { key: "DMARC", hint: "Did From align with SPF or DKIM, per the domain's policy?" },
  { key: "CompAuth", hint: "Composite authentication: the overall verdict" },
] as const;

function verdictVariant(verdict: string): BadgeVariant {
  if (verdict === "pass") return "success";
  if (verdict === "fail" || verdict === "permerror") return "high";
  if (verdict === "softfail" || verdict === "temperror") return "medium";
  if (verdict === "softpass" || verdict === "bestguesspass") return "low";
  return "outline";
}

export function AuthenticationCard({
  details,
  className,
}: {
  details: TEmailMessage["authenticationDetails"];
  className?: string;
}) {
  return (
    <Card className={className}>
      <CardHeader>
        <CardTitle>Authentication</CardTitle>
        <CardDescription>How the sender&apos;s domain vouched for the message.</CardDescription>
      </CardHeader>
      <CardContent>
        <dl className="divide-y">
          {AUTH_CHECKS.map((check) => {
            const verdict = details[check.key];
            return (
              <div key={check.key} className="flex items-start justify-between gap-3 py-2 first:pt-0 last:pb-0">
                <div className="min-w-0">
                  <dt className="font-medium">{check.key}</dt>
                  <p className="text-xs text-muted-foreground">{check.hint}</p>
                </div>
                <dd>
                  {verdict ? (
                    <Badge variant={verdictVariant(verdict)} hasDot>
                      {verdict}
                    </Badge>
                  ) : (
                    <span className="text-muted-foreground">Not recorded</span>
                  )}
                </dd>
              </div>
            );
          })}
        </dl>
      </CardContent>
    </Card>
  );
}
