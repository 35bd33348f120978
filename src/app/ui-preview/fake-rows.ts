export type PreviewRow = {
  id: string;
  title: string;
  severity: "high" | "medium" | "low" | "informational";
  status: "New" | "In progress" | "Resolved";
  user: string;
  createdAt: string;
  durationMs: number;
  messages: number;
};

const TITLES = [
  "Suspicious email sending patterns detected",
  "Email sending limit exceeded",
  "User restricted from sending email",
  "Email reported by user as malware or phish",
  "Investigation triggered manually",
];
const SEVERITIES = ["high", "medium", "low", "informational"] as const;
const STATUSES = ["New", "In progress", "Resolved"] as const;
const USERS = ["adele.vance", "alex.wilber", "megan.bowen", "lee.gu", "nestor.wilke", "a.very.long.mailbox.name.for.truncation"];

export const FAKE_ROWS: PreviewRow[] = Array.from({ length: 60 }, (_, i) => ({
  id: `da${(637_000_000 + i * 7919).toString(16)}`,
  title: TITLES[i % TITLES.length],
  severity: SEVERITIES[(i * 3) % SEVERITIES.length],
  status: STATUSES[i % STATUSES.length],
  user: `${USERS[i % USERS.length]}@contoso.example`,
  createdAt: new Date(Date.UTC(2025, 2, 1, 8, 0) + i * 37 * 60_000).toISOString(),
  durationMs: (i * 7_919_000) % 90_000_000,
  messages: (i * 1_337) % 25_000,
}));
