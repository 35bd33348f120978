// How threat verdicts are read and shown, shared by the Explorer's server code and its pages.

/** Defender stores several threat types in one string, comma separated: "Phish, Spam". */
export function splitThreats(value: string): string[] {
  return value
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
}

export type TThreatTone = "high" | "medium" | "low" | "informational";

// One tone per threat everywhere (badges, chart, legend), most severe red, so a glance reads the same on each page.
const THREAT_TONES: Record<string, TThreatTone> = { Malware: "high", Phish: "medium", Spam: "low" };

export function threatTone(threat: string): TThreatTone {
  return THREAT_TONES[threat] ?? "informational";
}
