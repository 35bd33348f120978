// How the keys that link reports into a campaign read to a person (src/server/campaigns/campaign-keys.ts makes them).
export const KEY_LABELS: Record<string, string> = {
  messageId: "Message-ID",
  sender: "sender",
  replyTo: "Reply-To",
  urlHost: "link host",
  sha256: "file SHA-256",
  bodyFingerprint: "body",
};

/** "Reply-To x@y, link host evil.example" — why two reports are one campaign. */
export function describeKeys(keys: { kind: string; value: string }[]): string {
  return keys
    .map((key) =>
      key.kind === "bodyFingerprint"
        ? "body"
        : `${KEY_LABELS[key.kind] ?? key.kind} ${key.kind === "sha256" ? `${key.value.slice(0, 12)}…` : key.value}`,
    )
    .join(", ");
}
