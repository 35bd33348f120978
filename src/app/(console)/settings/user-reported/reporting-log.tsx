import { SimpleTable } from "@/components/console/simple-table";
import { Badge } from "@/components/ui/badge";
import { formatDateTime } from "@/lib/utils";
import type { TRecentReporterNotice, TRecentReportingItem } from "@/server/user-reported/user-reported.queries";

const REPORT_TYPE_LABEL: Record<string, string> = { phish: "Phishing", junk: "Junk", notJunk: "Not junk" };
const OUTCOME_LABEL: Record<string, string> = { threat: "Threat found", spam: "Junk", clean: "No threat found" };

/** What the reader did with the latest items, and the notices reporters were sent: the record an admin checks. */
export function ReportingLog({ items, notices }: { items: TRecentReportingItem[]; notices: TRecentReporterNotice[] }) {
  return (
    <div className="space-y-6">
      <section aria-labelledby="reporting-items" className="space-y-3">
        <h2 id="reporting-items" className="text-base font-semibold">
          Latest reporting mailbox items
        </h2>
        <SimpleTable
          label="Latest reporting mailbox items"
          rows={items}
          getKey={(item) => item.id}
          emptyTitle="No items read yet"
          emptyDescription="Items appear here once the worker reads the reporting mailbox."
          columns={[
            { header: "Read", cell: (item) => formatDateTime(item.createdAt), className: "whitespace-nowrap" },
            { header: "Reporter", cell: (item) => item.reporter ?? "unknown" },
            {
              header: "Item",
              cell: (item) => <span className="line-clamp-2 break-all">{item.subject || "(no subject)"}</span>,
            },
            {
              header: "Outcome",
              cell: (item) =>
                item.status === "processed" ? (
                  <span className="space-x-1">
                    <Badge variant="success">Submitted</Badge>
                    <span>{REPORT_TYPE_LABEL[item.reportType ?? ""] ?? item.reportType}</span>
                    {item.isInlineForward ? <Badge variant="outline">Inline forward, best-effort</Badge> : null}
                  </span>
                ) : (
                  <span className="space-y-1">
                    <Badge variant="medium">Set aside</Badge>{" "}
                    <span className="text-muted-foreground">{item.reason}</span>
                  </span>
                ),
            },
          ]}
        />
      </section>
      <section aria-labelledby="reporter-notices" className="space-y-3">
        <h2 id="reporter-notices" className="text-base font-semibold">
          Notices sent to reporters
        </h2>
        <SimpleTable
          label="Notices sent to reporters"
          rows={notices}
          getKey={(notice) => notice.id}
          emptyTitle="No notices sent"
          emptyDescription="With feedback on, each reporter gets one when the verdict is in and when an analyst assesses the report."
          columns={[
            {
              header: "Sent",
              cell: (notice) => formatDateTime(notice.sentAt ?? notice.createdAt),
              className: "whitespace-nowrap",
            },
            { header: "To", cell: (notice) => notice.reporter },
            { header: "Notice", cell: (notice) => <span className="line-clamp-2">{notice.subject}</span> },
            {
              header: "Why",
              cell: (notice) =>
                `${OUTCOME_LABEL[notice.outcome] ?? notice.outcome}, ${notice.trigger === "assessment" ? "analyst's assessment" : "investigation verdict"}`,
            },
            {
              header: "Status",
              cell: (notice) =>
                notice.status === "sent" ? (
                  <Badge variant="success">Sent</Badge>
                ) : notice.status === "failed" ? (
                  <span className="space-y-1">
                    <Badge variant="destructive">Failed</Badge>{" "}
                    <span className="text-muted-foreground">{notice.error}</span>
                  </span>
                ) : (
                  <Badge variant="info">Sending</Badge>
                ),
            },
          ]}
        />
      </section>
    </div>
  );
}
