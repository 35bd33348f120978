import "server-only";
import type { Verdict } from "@/generated/prisma/enums";
import type { TThreatType } from "@/lib/threat-indicators";
import { webUrlHost } from "@/server/intel/domain-names";
import type { TEmail } from "@/server/verdicts/email-input";
import { judgeEmail, type TEmailVerdict } from "@/server/verdicts/judge-email";
import { loadTenantContext } from "@/server/verdicts/load-tenant-context";
import type { TSignal } from "@/server/verdicts/signal";

export type TEntityJudgement = { verdict: Verdict; threatType: TThreatType | ""; reasons: string[] };

/** Keyed by the URLs and hashes exactly as they were passed in. */
export type TMessageJudgement = {
  sender: TEntityJudgement;
  urls: Record<string, TEntityJudgement>;
  files: Record<string, TEntityJudgement>;
  overall: TEntityJudgement;
  /** The detection engine's whole answer, every signal with its evidence. */
  detection: TEmailVerdict;
};

// A sign this strong on one link or file condemns that entity by itself (an indicator, a look-alike of a brand's or
// the organisation's domain, an executable); weaker ones only make it suspicious, and only in a message judged a threat.
const ENTITY_MALICIOUS_WEIGHT = 4;
const SHA256 = /^[0-9a-f]{64}$/;
const MAX_REASONS = 8;

/**
 * The verdict on a message (the detection engine, src/server/verdicts, with what the organisation knows) and on each
 * of its entities, from the signals about that entity: the playbook clusters and blocks on the malicious ones.
 */
export async function judgeMessage(
  email: TEmail,
  options: { receivedAt: Date; bodyFingerprint: string | null; submissionId?: string | null },
  extraSignals: TSignal[] = [],
): Promise<TMessageJudgement> {
  const context = await loadTenantContext(email, options);
  const detection = judgeEmail(email, context, extraSignals);
  const isThreat = detection.verdict !== "Clean";
  const threatType = (detection.threatType === "Bulk" ? "" : detection.threatType) as TThreatType | "";
  const entityJudgement = (signals: TSignal[]): TEntityJudgement => {
    const positive = signals.filter((signal) => signal.weight > 0);
    if (!isThreat || !positive.length) return { verdict: "Clean", threatType: "", reasons: [] };
    // Never worse than the message: a strong sign on a link of a message judged only suspicious is suspicious too.
    const isMalicious =
      detection.verdict === "Malicious" && positive.some((signal) => signal.weight >= ENTITY_MALICIOUS_WEIGHT);
    const type = (positive.find((signal) => signal.threatType && signal.threatType !== "Bulk")?.threatType ??
      threatType) as TThreatType | "";
    return {
      verdict: isMalicious ? "Malicious" : "Suspicious",
      threatType: type || "Phish",
      reasons: positive.map((signal) => signal.evidence),
    };
  };
  const about = (kind: "url" | "file" | "sender", value: string) =>
    detection.signals.filter((signal) => signal.entity?.kind === kind && signal.entity.value === value);
  const sender = entityJudgement([
    ...about("sender", email.senderAddress),
    ...detection.signals.filter((signal) => signal.category === "authentication"),
  ]);
  const urls = Object.fromEntries(
    email.urls.map(({ url }) => [
      url,
      webUrlHost(url) ? entityJudgement(about("url", url)) : unknown(`${url} is not a web link that could be checked`),
    ]),
  );
  const files = Object.fromEntries(
    email.attachments.map((file) => [
      file.sha256,
      SHA256.test(file.sha256.trim().toLowerCase())
        ? entityJudgement(about("file", file.sha256))
        : unknown(`${file.sha256} is not a SHA-256 hash that could be checked`),
    ]),
  );
  const reasons = isThreat ? detection.deciding.map((signal) => signal.evidence) : [detection.summary];
  return {
    sender,
    urls,
    files,
    overall: { verdict: detection.verdict, threatType, reasons: reasons.slice(0, MAX_REASONS) },
    detection,
  };
}

const unknown = (reason: string): TEntityJudgement => ({ verdict: "Unknown", threatType: "", reasons: [reason] });
