import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { huntingLink } from "@/lib/detection-rules";
import { BackLink } from "@/components/console/back-link";
import { DetailsList } from "@/components/console/details-list";
import { JsonDetails } from "@/components/console/json-details";
import { AlertStatusBadge, InvestigationStatusBadge, SeverityBadge } from "@/components/console/status-badges";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { classificationText } from "@/lib/alert-triage";
import { formatDateTime, formatNumber } from "@/lib/utils";
import { getAlert, getAlertHistory, listAssignees } from "@/server/alerts/alerts.queries";
import { requirePagePermission } from "@/server/auth/page-guard";
import { can } from "@/server/auth/permissions";
import { ZIntId } from "@/server/http/list-filters";
import { AlertHistory } from "./alert-history";
import { AlertMoreOptions } from "./alert-more-options";
import { CommentForm } from "./comment-form";
import { ManageAlert } from "./manage-alert";

type TAlertPageProps = { params: Promise<{ id: string }> };

const linkClass = "font-medium text-link hover:underline";

export async function generateMetadata({ params }: TAlertPageProps): Promise<Metadata> {
  return { title: `Alert ${(await params).id}` };
}

export default async function AlertPage({ params }: TAlertPageProps) {
  const principal = await requirePagePermission("alerts:read");
  const id = ZIntId.safeParse((await params).id);
  const alert = id.success ? await getAlert(id.data) : null;
  if (!alert) notFound();
  const canManage = can(principal.role, "alerts:update");
  const [history, assignees] = await Promise.all([
    getAlertHistory(alert.id, { page: 1, pageSize: 50 }),
    canManage ? listAssignees() : [],
  ]);
  const me = assignees.find((user) => principal.kind === "user" && user.id === principal.id) ?? null;

  const userLink = alert.userAddress ? (
    <Link
      className={linkClass}
      href={`/alerts?user=${encodeURIComponent(alert.userAddress)}`}
      title="Other alerts for this user"
    >
      {alert.userAddress}
    </Link>
  ) : (
    "—"
  );

  return (
    <div>
      <BackLink href="/alerts" label="Alerts" />
      <PageHeader
        title={alert.title}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <SeverityBadge severity={alert.severity} />
            <AlertStatusBadge status={alert.status} />
            <span>
              Alert {alert.id} · {alert.policyName}
            </span>
          </span>
        }
        actions={
          <>
            {canManage ? (
              <ManageAlert
                alert={{
                  id: alert.id,
                  title: alert.title,
                  version: alert.version,
                  status: alert.status,
                  assigneeId: alert.assignee?.id ?? null,
                  classification: alert.classification,
                  determination: alert.determination,
                }}
                assignees={assignees}
                me={me}
              />
            ) : null}
            <AlertMoreOptions
              alertId={alert.id}
              investigationId={alert.investigation?.id ?? null}
              restrictedUser={
                alert.restrictedUser
                  ? {
                      id: alert.restrictedUser.id,
                      address: alert.restrictedUser.address,
                      isReleased: alert.restrictedUser.releasedAt !== null,
                    }
                  : null
              }
              canRelease={can(principal.role, "restrictedUsers:release")}
            />
          </>
        }
      />
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-3">
        <div className="space-y-4 lg:col-span-2">
          <Card>
            <CardHeader>
              <CardTitle>Alert details</CardTitle>
            </CardHeader>
            <CardContent>
              <DetailsList
                items={[
                  { label: "Policy", value: alert.policyName },
                  { label: "Severity", value: <SeverityBadge severity={alert.severity} /> },
                  { label: "Status", value: <AlertStatusBadge status={alert.status} /> },
                  {
                    label: "Assigned to",
                    value: alert.assignee ? `${alert.assignee.name} (${alert.assignee.email})` : "Unassigned",
                  },
                  {
                    label: "Classification",
                    value: classificationText(alert.classification, alert.determination) ?? "Not set",
                  },
                  ...(alert.resolvedAt ? [{ label: "Resolved", value: formatDateTime(alert.resolvedAt) }] : []),
                  { label: "Category", value: alert.category },
                  { label: "User", value: userLink },
                  { label: "Detection source", value: alert.detectionSource },
                  ...(alert.detectionRule
                    ? [
                        {
                          label: "Detection rule",
                          value: (
                            <span className="space-x-3">
                              <Link
                                href={`/settings/detection-rules/${alert.detectionRule.id}`}
                                className="text-link hover:underline"
                              >
                                {alert.detectionRule.name}
                              </Link>
                              <Link href={huntingLink(alert.detectionRule.query)} className="text-link hover:underline">
                                Open the query in Advanced hunting
                              </Link>
                            </span>
                          ),
                        },
                      ]
                    : []),
                  { label: "First activity", value: formatDateTime(alert.firstActivity) },
                  { label: "Last activity", value: formatDateTime(alert.lastActivity) },
                  {
                    label: "Activity count",
                    value: <span className="tabular-nums">{formatNumber(alert.eventCount)}</span>,
                  },
                  { label: "Created", value: formatDateTime(alert.createdAt) },
                ]}
              />
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>Activity details</CardTitle>
              <CardDescription>What the detection recorded when it fired.</CardDescription>
            </CardHeader>
            <CardContent>
              <JsonDetails value={alert.details} />
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>Comments and history</CardTitle>
            </CardHeader>
            <CardContent className="space-y-4">
              {canManage ? <CommentForm alertId={alert.id} /> : null}
              <AlertHistory entries={history?.items ?? []} total={history?.total ?? 0} />
            </CardContent>
          </Card>
        </div>
        {/* First on a phone: the links onward are short and would otherwise sit below the long details. */}
        <div className="order-first space-y-4 lg:order-none">
          <Card>
            <CardHeader>
              <CardTitle>Investigation</CardTitle>
            </CardHeader>
            <CardContent className="space-y-2 text-sm">
              {alert.investigation ? (
                <>
                  <Link className={linkClass} href={`/investigations/${alert.investigation.id}`}>
                    {alert.investigation.id} · {alert.investigation.name}
                  </Link>
                  <div>
                    <InvestigationStatusBadge status={alert.investigation.status} />
                  </div>
                </>
              ) : (
                <p className="text-muted-foreground">No automated investigation was started for this alert.</p>
              )}
            </CardContent>
          </Card>
          {alert.restrictedUser ? (
            <Card>
              <CardHeader>
                <CardTitle>Restricted user</CardTitle>
              </CardHeader>
              <CardContent className="space-y-2 text-sm">
                <p className="break-words">
                  {alert.restrictedUser.address}{" "}
                  {alert.restrictedUser.releasedAt ? (
                    <Badge variant="success">Released {formatDateTime(alert.restrictedUser.releasedAt)}</Badge>
                  ) : (
                    <Badge variant="high">Restricted from sending</Badge>
                  )}
                </p>
                {/* state=all: the link must still find the user after a release. */}
                <Link
                  className={linkClass}
                  href={`/restricted-users?state=all&user=${encodeURIComponent(alert.restrictedUser.address)}`}
                >
                  View restricted user details
                </Link>
              </CardContent>
            </Card>
          ) : null}
        </div>
      </div>
    </div>
  );
}
