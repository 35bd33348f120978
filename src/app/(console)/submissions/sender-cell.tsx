import { TriangleAlert } from "lucide-react";

type TFinding = { id: string; evidence: string };
type TWrapper = { kind: string; senderAddress: string; subject: string };

export type TSenderFacts = {
  sender: string;
  replyTo: string[];
  /** How the message is written wrong (src/server/submissions/message-findings.ts). */
  findings: unknown;
  /** The message that carried the reported original, when it came in one (src/server/submissions/reported-original.ts). */
  wrapper: unknown;
};

const CAME_IN: Record<string, string> = {
  forward: "Forwarded by",
  "delivery-report": "In a bounce from",
  "abuse-report": "In an abuse report from",
};
// Short names for the cell; the evidence of each is in its title.
const FINDING_LABELS: Record<string, string> = {
  from_no_address: "From has no address",
  address_malformed: "Malformed address",
  recipient_malformed: "Malformed recipient",
  header_repeated: "Repeated header",
  header_first_line_folded: "Folded first line",
  original_unreadable: "Original unreadable",
};

// The sender with what an analyst weighs beside it: where replies go when that is elsewhere, what is written wrong,
// and, for a forwarded original, who forwarded it (the facts shown are the original's).
export function SenderCell({ row }: { row: TSenderFacts }) {
  const findings = Array.isArray(row.findings) ? (row.findings as TFinding[]) : [];
  const wrapper = row.wrapper && typeof row.wrapper === "object" ? (row.wrapper as TWrapper) : null;
  const replyTo = row.replyTo.filter((address) => address !== row.sender);
  const cameIn = wrapper
    ? `${CAME_IN[wrapper.kind] ?? "Forwarded by"} ${wrapper.senderAddress || "an unknown sender"}`
    : "";
  const labels = [...new Set(findings.map((finding) => FINDING_LABELS[finding.id] ?? finding.id))];
  return (
    <span className="block text-sm">
      <span className="block truncate" title={row.sender || "The From header has no address"}>
        {row.sender || <span className="text-muted-foreground">(no address)</span>}
      </span>
      {replyTo.length ? (
        <span className="block truncate text-xs text-muted-foreground" title={`Replies go to ${replyTo.join(", ")}`}>
          Reply-To: {replyTo.join(", ")}
        </span>
      ) : null}
      {findings.length ? (
        <span
          className="flex items-center gap-1 text-xs text-medium-foreground"
          title={findings.map((finding) => finding.evidence).join("\n")}
        >
          <TriangleAlert className="size-3 shrink-0" aria-hidden />
          <span className="truncate">{labels.join(", ")}</span>
        </span>
      ) : null}
      {cameIn ? (
        <span
          className="block truncate text-xs text-muted-foreground"
          title={`${cameIn}${wrapper?.subject ? ` (“${wrapper.subject}”)` : ""}: the facts shown are the original's`}
        >
          {cameIn}
        </span>
      ) : null}
    </span>
  );
}
