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

const CAME_IN: Record<string, string> = { forward: "Forwarded as an attachment", "delivery-report": "Returned in a delivery report", "abuse-report": "Carried by an abuse report" };

// The sender with what an analyst weighs beside it: where replies go when that is elsewhere, what is written wrong,
// and, for a forwarded original, who forwarded it (the facts shown are the original's).
export function SenderCell({ row }: { row: TSenderFacts }) {
  const findings = Array.isArray(row.findings) ? (row.findings as TFinding[]) : [];
  const wrapper = row.wrapper && typeof row.wrapper === "object" ? (row.wrapper as TWrapper) : null;
  const replyTo = row.replyTo.filter((address) => address !== row.sender);
  const cameIn = wrapper ? `${CAME_IN[wrapper.kind] ?? "Forwarded"} by ${wrapper.senderAddress || "an unknown sender"}${wrapper.subject ? ` (“${wrapper.subject}”)` : ""}` : "";
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
        <span className="flex items-center gap-1 text-xs text-medium-foreground" title={findings.map((finding) => finding.evidence).join("\n")}>
          <TriangleAlert className="size-3 shrink-0" aria-hidden />
          <span className="truncate">{findings.length === 1 ? findings[0].evidence : `${findings.length} header findings`}</span>
        </span>
      ) : null}
      {cameIn ? (
        <span className="block truncate text-xs text-muted-foreground" title={cameIn}>
          {cameIn}
        </span>
      ) : null}
    </span>
  );
}
