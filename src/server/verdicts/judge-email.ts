// The detection engine: every check over one message and what the organisation knows, then the verdict with the
// signals that decided it. Pure: the playbook, the ingestion reader and the eval command call it the same way.
import type { TCheck } from "./check";
import { CHECKS } from "./checks";
import type { TEmail } from "./email-input";
import { scoreSignals, type TScoredVerdict } from "./score-signals";
import type { TSignal, TSignalCategory } from "./signal";
import type { TTenantContext } from "./tenant-context";

export type TEmailVerdict = TScoredVerdict & {
  /** Every signal, strongest first. */
  signals: TSignal[];
  /** Defender's DetectionMethods words for what decided it. */
  detectionMethods: string[];
  summary: string;
};

const METHOD_OF: Partial<Record<TSignalCategory, string>> = {
  intel: "Threat intelligence",
  learned: "Analyst feedback",
  authentication: "Spoof DMARC",
  impersonation: "Impersonation brand",
  content: "Advanced filter",
  links: "URL reputation",
  attachments: "File type block",
  bulk: "Bulk",
  rspamd: "rspamd",
  tenant: "Mailbox intelligence",
};

/** `extraSignals`: what came from outside the checks (rspamd's symbols). */
export function judgeEmail(
  email: TEmail,
  context: TTenantContext,
  extraSignals: TSignal[] = [],
  checks: TCheck[] = CHECKS,
): TEmailVerdict {
  const signals = [...checks.flatMap((check) => runCheck(check, email, context)), ...extraSignals].sort(
    (a, b) => Math.abs(b.weight) - Math.abs(a.weight),
  );
  const scored = scoreSignals(signals);
  const detectionMethods =
    scored.verdict === "Clean"
      ? []
      : [
          ...new Set(
            scored.deciding.map((signal) => METHOD_OF[signal.category]).filter((method): method is string => !!method),
          ),
        ];
  return { ...scored, signals, detectionMethods, summary: summarise(scored) };
}

// A check that throws on some message must not cost the verdict: the others still count, and the failure shows.
function runCheck(check: TCheck, email: TEmail, context: TTenantContext): TSignal[] {
  try {
    return check.run(email, context);
  } catch (error) {
    return [
      {
        id: `engine.${check.name}_failed`,
        category: "tenant",
        weight: 0,
        threatType: null,
        evidence: `The ${check.name} check could not read this message (${error instanceof Error ? error.message : String(error)})`,
      },
    ];
  }
}

function summarise(scored: TScoredVerdict): string {
  const type = scored.threatType
    ? ` (${scored.threatType}${scored.threatType === "Bulk" ? `, bulk complaint level ${scored.bulkComplaintLevel}` : ""})`
    : "";
  const reasons = scored.deciding.slice(0, 3).map((signal) => signal.evidence);
  const because = reasons.length
    ? `: ${reasons.join("; ")}`
    : scored.verdict === "Clean"
      ? ": no sign of phishing, malware or spam"
      : "";
  return `${scored.verdict}${type}, ${scored.confidence.toLowerCase()} confidence, score ${scored.score}${because}`;
}
