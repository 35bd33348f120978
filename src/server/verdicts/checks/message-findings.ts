// How the message is written wrong (the parser's findings, src/server/submissions/message-findings.ts) as signals: a
// From that names no address or is no address, a second From or Subject. Real mail from broken software does these
// too, so each is a sign, never a verdict on its own. A From with no address weighs least: list archives write
// "user at domain" there, and what such a message asks for shows in its Reply-To (authentication.ts).
import type { TMessageFindingId } from "@/server/submissions/message-findings";
import type { TCheck } from "../check";
import type { TSignal } from "../signal";

const SIGNALS: Partial<Record<TMessageFindingId, { id: string; weight: number }>> = {
  from_no_address: { id: "sender.no_address", weight: 0.5 },
  address_malformed: { id: "sender.malformed_address", weight: 1.5 },
  header_repeated: { id: "headers.repeated_singleton", weight: 1.5 },
  header_first_line_folded: { id: "headers.first_line_folded", weight: 0.5 },
};

export const messageFindingsCheck: TCheck = {
  name: "message-findings",
  run(email) {
    const seen = new Set<string>();
    return (email.findings ?? []).flatMap((finding): TSignal[] => {
      const shape = SIGNALS[finding.id];
      // One signal per kind: three malformed headers are one sign that the sender's software (or intent) is broken.
      if (!shape || seen.has(shape.id)) return [];
      seen.add(shape.id);
      return [
        { id: shape.id, category: "content", weight: shape.weight, threatType: "Phish", evidence: finding.evidence },
      ];
    });
  },
};
