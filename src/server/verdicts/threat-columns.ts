import type { TEmailVerdict } from "./judge-email";

export type TThreatType = "Phish" | "Malware" | "Spam";

/** A verdict as Defender's EmailEvents columns hold it, before their text encoding (email-event-records.ts). */
export type TThreatColumns = {
  threatTypes: TThreatType[];
  /** The ids of the signals that decided it, strongest first: what an analyst counts and filters on. */
  threatNames: string[];
  detectionMethods: Partial<Record<TThreatType, string[]>>;
  confidenceLevel: Partial<Record<TThreatType, "High" | "Normal" | "Low">>;
  bulkComplaintLevel: number;
};

const MAX_THREAT_NAMES = 5;
// Defender's confidence words: the engine's Medium is its Normal.
const CONFIDENCE = { High: "High", Medium: "Normal", Low: "Low" } as const;

/**
 * Suspicious counts as a threat, with low confidence, as Defender files "phish" beside "high confidence phish". Bulk
 * is not a threat type here: clean bulk mail shows only in its bulk complaint level.
 */
export function threatColumns(verdict: TEmailVerdict): TThreatColumns {
  const type =
    verdict.verdict === "Clean" || verdict.threatType === "" || verdict.threatType === "Bulk"
      ? null
      : verdict.threatType;
  if (!type)
    return {
      threatTypes: [],
      threatNames: [],
      detectionMethods: {},
      confidenceLevel: {},
      bulkComplaintLevel: verdict.bulkComplaintLevel,
    };
  return {
    threatTypes: [type],
    threatNames: verdict.deciding.slice(0, MAX_THREAT_NAMES).map((signal) => signal.id),
    detectionMethods: verdict.detectionMethods.length ? { [type]: verdict.detectionMethods } : {},
    confidenceLevel: { [type]: CONFIDENCE[verdict.confidence] },
    bulkComplaintLevel: verdict.bulkComplaintLevel,
  };
}
