// Defender's words for alert classification and determination, and which determination belongs to which
// classification: the Manage alert panel, the filters, the API's validation and the feed all read them from here.
import type { AlertClassification, AlertDetermination } from "@/generated/prisma/enums";

export const CLASSIFICATION_LABELS: Record<AlertClassification, string> = {
  TruePositive: "True positive",
  InformationalExpectedActivity: "Informational, expected activity",
  FalsePositive: "False positive",
};

export const DETERMINATION_LABELS: Record<AlertDetermination, string> = {
  MultistageAttack: "Multistage attack",
  MaliciousUserActivity: "Malicious user activity",
  CompromisedAccount: "Compromised account",
  Phishing: "Phishing",
  Malware: "Malware",
  UnwantedSoftware: "Unwanted software",
  SecurityTest: "Security test",
  LineOfBusinessApplication: "Line-of-business application",
  ConfirmedActivity: "Confirmed activity",
  NotMalicious: "Not malicious",
  NotEnoughDataToValidate: "Not enough data to validate",
  Other: "Other",
};

/** In Defender's order; "Other" ends every list. */
export const DETERMINATIONS_BY_CLASSIFICATION: Record<AlertClassification, readonly AlertDetermination[]> = {
  TruePositive: [
    "MultistageAttack",
    "MaliciousUserActivity",
    "CompromisedAccount",
    "Phishing",
    "Malware",
    "UnwantedSoftware",
    "Other",
  ],
  InformationalExpectedActivity: ["SecurityTest", "LineOfBusinessApplication", "ConfirmedActivity", "Other"],
  FalsePositive: ["NotMalicious", "NotEnoughDataToValidate", "Other"],
};

export function isDeterminationOf(classification: AlertClassification, determination: AlertDetermination): boolean {
  return DETERMINATIONS_BY_CLASSIFICATION[classification].includes(determination);
}

/** "True positive: Phishing", or the classification alone; null when unclassified. */
export function classificationText(
  classification: AlertClassification | null,
  determination: AlertDetermination | null,
): string | null {
  if (!classification) return null;
  return determination
    ? `${CLASSIFICATION_LABELS[classification]}: ${DETERMINATION_LABELS[determination]}`
    : CLASSIFICATION_LABELS[classification];
}
