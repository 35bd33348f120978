import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createRandom } from "@/lib/random";
import {
  ZEmailEventBatch,
  ZEmailEventInput,
  ZIdentityEventBatch,
  ZIdentityEventInput,
  DELIVERY_LOCATIONS,
  DETECTION_METHODS,
  EMAIL_DIRECTIONS,
  THREAT_TYPES,
  type TEmailEventInput,
} from "@/server/ingestion/ingestion.schemas";
import { generateOrg } from "@/server/simulator/org/generate-org";

const NOW = new Date("2025-03-01T00:00:00Z");
const small = (seed: number) => generateOrg({ seed, days: 3, mailboxes: 20, now: NOW });
const everything = (seed: number) => {
  const plan = small(seed);
  return { config: plan.config, days: [...plan.days()] };
};
const messageIds = (seed: number) =>
  everything(seed).days.flatMap((day) => day.mail.map((row) => row.networkMessageId));

describe("createRandom", () => {
  it("repeats its sequence for a seed, and forks independent streams", () => {
    const draw = (seed: number) => Array.from({ length: 5 }, createRandom(seed).next);
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
    expect(createRandom(1).fork("a").uuid()).toBe(createRandom(1).fork("a").uuid());
    expect(createRandom(1).fork("a").uuid()).not.toBe(createRandom(1).fork("b").uuid());
    expect(createRandom(9).uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe("the org scenario's generator", () => {
  it("makes identical rows for the same seed and window", () => {
    expect(everything(5)).toEqual(everything(5));
  });

  it("makes different messages for another seed", () => {
    const first = new Set(messageIds(5));
    expect(messageIds(6).filter((id) => first.has(id))).toEqual([]);
  });

  it("makes rows the ingestion accepts, inside the window and under the reserved domains", () => {
    const plan = small(3);
    ZIdentityEventBatch.parse(plan.config);
    for (const day of plan.days()) {
      ZEmailEventBatch.parse(day.mail);
      ZIdentityEventBatch.parse(day.signIns);
      for (const row of day.mail) {
        const at = Date.parse(row.timestamp);
        expect(at >= plan.from && at < plan.to).toBe(true);
        for (const address of [row.senderFromAddress, row.recipientEmailAddress])
          expect(address).toMatch(/\.(test|example)$/);
        for (const { url } of row.urls ?? []) expect(new URL(url).hostname).toMatch(/\.(test|example)$/);
      }
    }
  });

  it("makes a month of a 200-mailbox organisation: at least 100,000 EmailEvents rows, ~40% with URLs, ~15% with files", () => {
    const plan = generateOrg({ seed: 1, days: 30, mailboxes: 200, now: NOW });
    let rows = 0;
    const messages = new Map<string, TEmailEventInput>();
    const directions = new Set<string>();
    for (const day of plan.days()) {
      rows += day.mail.length;
      for (const row of day.mail) {
        messages.set(row.networkMessageId, row);
        directions.add(row.emailDirection);
      }
    }
    const share = (has: (row: TEmailEventInput) => boolean) =>
      [...messages.values()].filter(has).length / messages.size;
    expect(rows).toBeGreaterThanOrEqual(100_000);
    expect(share((row) => Boolean(row.urls?.length))).toBeGreaterThan(0.3);
    expect(share((row) => Boolean(row.urls?.length))).toBeLessThan(0.5);
    expect(share((row) => Boolean(row.attachments?.length))).toBeGreaterThan(0.1);
    expect(share((row) => Boolean(row.attachments?.length))).toBeLessThan(0.2);
    expect([...directions].sort()).toEqual(["Inbound", "Intra-org", "Outbound"]);
    expect(
      plan.org.people.filter((person) => person.adminRoles.length).every((person) => person.department === "IT"),
    ).toBe(true);
  }, 60_000);
});

// ───────────── the ingestion schemas, property-tested ─────────────

const label = fc.stringMatching(/^[a-z][a-z0-9-]{0,10}[a-z0-9]$/);
const address = fc
  .tuple(fc.stringMatching(/^[a-z0-9]+([._][a-z0-9]+){0,2}$/), label, fc.constantFrom("test", "example"))
  .map(([local, domain, tld]) => `${local}@${domain}.${tld}`);
const hex = (length: number) => fc.stringMatching(new RegExp(`^[0-9a-f]{${length}}$`));
const verdict = <T extends string>(...values: T[]) => fc.constantFrom(...values);
const threats = fc.uniqueArray(fc.constantFrom(...THREAT_TYPES), { maxLength: 3 });

const validRow: fc.Arbitrary<TEmailEventInput> = fc.record({
  timestamp: fc
    .date({ min: new Date("2020-01-01"), max: new Date("2030-01-01"), noInvalidDate: true })
    .map((date) => date.toISOString()),
  networkMessageId: fc.uuid(),
  internetMessageId: fc.tuple(hex(16), label).map(([id, host]) => `<${id}@${host}.example>`),
  senderFromAddress: address,
  senderMailFromAddress: address,
  senderDisplayName: fc.string({ maxLength: 40 }).filter((name) => !name.includes("\u0000")),
  senderIPv4: fc.option(fc.ipV4(), { nil: null }),
  recipientEmailAddress: address,
  subject: fc.string({ maxLength: 120 }).filter((subject) => !subject.includes("\u0000")),
  emailDirection: fc.constantFrom(...EMAIL_DIRECTIONS),
  deliveryAction: fc.constantFrom("Delivered", "Junked", "Blocked", "Replaced" as const),
  deliveryLocation: fc.constantFrom(...DELIVERY_LOCATIONS),
  threatTypes: threats,
  detectionMethods: fc.dictionary(
    fc.constantFrom(...THREAT_TYPES),
    fc.uniqueArray(fc.constantFrom(...DETECTION_METHODS), { minLength: 1, maxLength: 3 }),
    { maxKeys: 3 },
  ),
  authenticationDetails: fc.record({
    spf: verdict("pass", "fail", "softfail", "neutral", "none"),
    dkim: verdict("pass", "fail", "none"),
    dmarc: verdict("pass", "fail", "bestguesspass", "none"),
    compAuth: verdict("pass", "fail", "softpass", "none"),
  }),
  emailSize: fc.nat({ max: 50_000_000 }),
  urls: fc.array(
    fc.record({ url: fc.tuple(label, fc.webPath()).map(([host, path]) => `https://${host}.example${path}`) }),
    { maxLength: 3 },
  ),
  attachments: fc.array(
    fc.record({
      fileName: fc.constantFrom("a.pdf", "Q3 budget.xlsx", "scan.zip"),
      fileType: fc.constantFrom("pdf", "xlsx", "zip"),
      sha256: hex(64),
      fileSize: fc.nat({ max: 10_000_000 }),
      threatTypes: threats,
    }),
    { maxLength: 2 },
  ),
});

// A wrong value for each field, and the path its issue must name.
const MUTATIONS: { path: (string | number)[]; apply: (row: Record<string, unknown>) => void }[] = [
  ...[
    "timestamp",
    "networkMessageId",
    "internetMessageId",
    "senderFromAddress",
    "recipientEmailAddress",
    "emailDirection",
    "deliveryLocation",
    "emailSize",
    "authenticationDetails",
    "subject",
  ].map((field) => ({
    path: [field],
    apply: (row: Record<string, unknown>) => delete row[field],
  })),
  { path: ["timestamp"], apply: (row) => (row.timestamp = "yesterday") },
  { path: ["networkMessageId"], apply: (row) => (row.networkMessageId = "not-a-uuid") },
  { path: ["internetMessageId"], apply: (row) => (row.internetMessageId = "no-angle-brackets@example") },
  { path: ["senderFromAddress"], apply: (row) => (row.senderFromAddress = "bob") },
  { path: ["recipientEmailAddress"], apply: (row) => (row.recipientEmailAddress = "bob@") },
  { path: ["senderIPv4"], apply: (row) => (row.senderIPv4 = "300.1.1.1") },
  { path: ["emailDirection"], apply: (row) => (row.emailDirection = "Sideways") },
  { path: ["deliveryAction"], apply: (row) => (row.deliveryAction = "Teleported") },
  { path: ["emailSize"], apply: (row) => (row.emailSize = -1) },
  { path: ["threatTypes", 0], apply: (row) => (row.threatTypes = ["Virus"]) },
  {
    path: ["authenticationDetails", "spf"],
    apply: (row) => (row.authenticationDetails = { spf: "maybe", dkim: "pass", dmarc: "pass", compAuth: "pass" }),
  },
  { path: ["urls", 0, "url"], apply: (row) => (row.urls = [{ url: "ftp://files.example/a" }]) },
  {
    path: ["attachments", 0, "sha256"],
    apply: (row) => (row.attachments = [{ fileName: "a.pdf", fileType: "pdf", sha256: "abc123", fileSize: 1 }]),
  },
  { path: ["SenderFromAddress"], apply: (row) => (row.SenderFromAddress = "pascal@case.example") },
];

describe("ZEmailEventInput", () => {
  it("accepts any well-formed row, lower-casing addresses and ids", () => {
    fc.assert(
      fc.property(validRow, (row) => {
        const parsed = ZEmailEventInput.parse(row);
        expect(parsed.networkMessageId).toBe(row.networkMessageId.toLowerCase());
        expect(parsed.recipientEmailAddress).toBe(row.recipientEmailAddress.toLowerCase());
      }),
    );
  });

  it("rejects a row with a missing or wrong field, naming that field", () => {
    fc.assert(
      fc.property(validRow, fc.constantFrom(...MUTATIONS), (row, mutation) => {
        const broken: Record<string, unknown> = structuredClone(row);
        mutation.apply(broken);
        const result = ZEmailEventInput.safeParse(broken);
        expect(result.success).toBe(false);
        const paths = result.error!.issues.map((issue) => issue.path.join("."));
        // An unknown key is reported on the object itself, with the key in the message.
        const expected = mutation.path[0] === "SenderFromAddress" ? "" : mutation.path.join(".");
        expect(paths).toContain(expected);
      }),
    );
  });

  it("says what was wrong in words", () => {
    const result = ZEmailEventInput.safeParse({ emailDirection: "Sideways", networkMessageId: "nope" });
    const messages = result.error!.issues.map((issue) => issue.message).join("\n");
    expect(messages).toContain('unknown email direction "Sideways"; expected one of: Inbound, Outbound, Intra-org');
    expect(messages).toContain('not a UUID: "nope"');
  });
});

describe("ZIdentityEventInput", () => {
  it("tells the event kinds apart by type and rejects unknown ones", () => {
    expect(
      ZIdentityEventInput.safeParse({
        type: "mailbox",
        address: "A@Contoso.test",
        displayName: "A",
        department: "IT",
        country: "US",
      }).data,
    ).toMatchObject({ address: "a@contoso.test" });
    expect(ZIdentityEventInput.safeParse({ type: "teleport" }).error?.issues[0].path).toEqual(["type"]);
    const forwarding = ZIdentityEventInput.safeParse({
      type: "forwarding",
      operation: "set",
      mailbox: "a@contoso.test",
    });
    expect(forwarding.error?.issues.map((issue) => issue.path.join("."))).toContain("forwardingSmtpAddress");
  });
});
