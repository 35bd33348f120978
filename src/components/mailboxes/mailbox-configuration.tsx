import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { enumLabel } from "@/lib/labels";
import { formatDateTime, formatNumber } from "@/lib/utils";
import type { TMailboxConfiguration } from "@/server/mailboxes/get-mailbox-configuration";

// The mailbox as it stands now, beside what the investigation found: an analyst sees at once whether an approved
// remedy took effect (the forwarding rule gone, the MFA method removed, the sessions revoked).

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid gap-1 border-t py-3 first:border-t-0 sm:grid-cols-[12rem_1fr]">
      <dt className="text-sm text-muted-foreground">{label}</dt>
      <dd className="min-w-0 text-sm break-words">{children}</dd>
    </div>
  );
}

const none = <span className="text-muted-foreground">None</span>;

function Items<T>({ items, render }: { items: T[]; render: (item: T) => ReactNode }) {
  return items.length ? (
    <ul className="space-y-1">
      {items.map((item, index) => (
        <li key={index}>{render(item)}</li>
      ))}
    </ul>
  ) : (
    none
  );
}

export function MailboxConfiguration({ mailbox }: { mailbox: TMailboxConfiguration }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle className="break-words">
          {mailbox.displayName} · {mailbox.address}
        </CardTitle>
        <CardDescription>Current configuration of the mailbox, in {mailbox.department}.</CardDescription>
      </CardHeader>
      <CardContent>
        <dl>
          <Row label="Account">
            {mailbox.isAccountEnabled ? (
              <Badge variant="success">Enabled</Badge>
            ) : (
              <Badge variant="high">Disabled</Badge>
            )}
            {mailbox.passwordChangedAt ? (
              <span className="ml-2 text-muted-foreground">
                password changed {formatDateTime(mailbox.passwordChangedAt)}
              </span>
            ) : null}
          </Row>
          <Row label="SMTP forwarding">{mailbox.forwardingSmtpAddress ?? none}</Row>
          <Row label="Inbox rules">
            <Items
              items={mailbox.inboxRules}
              render={(rule) => (
                <span className="inline-flex flex-wrap items-center gap-1.5">
                  <span className="font-medium">{rule.name ? `“${rule.name}”` : "(unnamed)"}</span>
                  {rule.isHidden ? <Badge variant="high">Hidden</Badge> : null}
                  {rule.isEnabled ? null : <Badge variant="outline">Disabled</Badge>}
                  {rule.forwardTo ? <span>forwards to {rule.forwardTo}</span> : null}
                  {rule.redirectTo ? <span>redirects to {rule.redirectTo}</span> : null}
                  {rule.deleteMessage ? <span>deletes messages</span> : null}
                  {rule.moveToFolder ? <span>moves to {rule.moveToFolder}</span> : null}
                </span>
              )}
            />
          </Row>
          <Row label="MFA methods">
            <Items
              items={mailbox.mfaMethods}
              render={(method) =>
                `${enumLabel(method.type)} (${method.detail}), added ${formatDateTime(method.addedAt)}`
              }
            />
          </Row>
          <Row label="App consents">
            <Items
              items={mailbox.appConsents}
              render={(consent) => `${consent.appName}: ${consent.scopes.join(", ")}`}
            />
          </Row>
          <Row label="Admin roles">
            <Items
              items={mailbox.roleAssignments}
              render={(role) => `${role.role}, since ${formatDateTime(role.assignedAt)}`}
            />
          </Row>
          <Row label="Active sessions">{formatNumber(mailbox.activeSessions)}</Row>
        </dl>
      </CardContent>
    </Card>
  );
}
