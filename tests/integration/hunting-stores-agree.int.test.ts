import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { runHuntingQuery } from "@/server/hunting/run-hunting-query";
import { hoursAgo, insertEmails } from "../factories/email";
import { copyToClickHouse, useEmbeddedClickHouse } from "../support/hunting-store";

// Random well-typed queries run on both stores over the same rows (ClickHouse's copy made by the replicator): the
// rows must be the same. Order is compared only where the query fixes it, as a multiset elsewhere.

useEmbeddedClickHouse();
const now = new Date();

beforeAll(async () => {
  const senders = [
    "a@contoso.example",
    "b@fabrikam.example",
    "deals@spam.example",
    "x@evil-phish.example",
    "c@contoso.example",
  ];
  await insertEmails(
    Array.from({ length: 40 }, (_, index) => ({
      timestamp: hoursAgo(1 + index * 5, now),
      sender: senders[index % senders.length],
      recipients: [
        `user${index % 7}@breakwater.test`,
        ...(index % 4 === 0 ? [`user${(index + 3) % 7}@breakwater.test`] : []),
      ],
      subject: `${["Weekly report", "Reset your password", "Cheap watches", "Invoice 2024-07", "Re: lunch?"][index % 5]} ${index % 3}`,
      direction: (["Inbound", "Inbound", "Outbound", "Intra-org"] as const)[index % 4],
      deliveryAction: (["Delivered", "Junked", "Blocked", "Delivered"] as const)[index % 4],
      threatTypes: index % 5 === 3 ? ["Phish"] : index % 5 === 2 ? ["Spam"] : [],
      urls: index % 3 === 0 ? [`https://site${index % 4}.example/p/${index}`] : [],
    })),
  );
  await copyToClickHouse();
}, 120_000);

const stringColumn = fc.constantFrom(
  "SenderFromDomain",
  "Subject",
  "RecipientEmailAddress",
  "EmailDirection",
  "DeliveryAction",
  "ThreatTypes",
);
const needle = fc.constantFrom(
  "contoso",
  "Weekly",
  "report",
  "spam.example",
  "Phish",
  "PASSWORD",
  "user3",
  "Inbound",
  "",
  "2024",
  "re",
);
const predicate = fc.oneof(
  fc
    .tuple(
      stringColumn,
      fc.constantFrom("==", "!=", "=~", "has", "!has", "contains", "startswith", "endswith", "has_cs", "contains_cs"),
      needle,
    )
    .map(([column, op, value]) => `${column} ${op} "${value}"`),
  fc
    .tuple(stringColumn, fc.array(needle, { minLength: 1, maxLength: 3 }))
    .map(([column, values]) => `${column} in~ (${values.map((value) => `"${value}"`).join(", ")})`),
  fc
    .tuple(
      fc.constantFrom("UrlCount", "AttachmentCount", "EmailSize"),
      fc.constantFrom("<", ">", "==", ">="),
      fc.integer({ min: 0, max: 3 }),
    )
    .map(([column, op, value]) => `${column} ${op} ${value}`),
  fc.constantFrom("1d", "2d", "3d", "7d").map((span) => `Timestamp > ago(${span})`),
);
const condition = fc.oneof(
  predicate,
  fc.tuple(predicate, fc.constantFrom("and", "or"), predicate).map(([left, op, right]) => `(${left} ${op} ${right})`),
);
const aggregation = fc.oneof(
  fc.constant("count()"),
  stringColumn.map((column) => `dcount(${column})`),
  fc.constantFrom("sum(UrlCount)", "max(Timestamp)", "min(EmailSize)", "avg(UrlCount)"),
  condition.map((test) => `countif(${test})`),
);
const groupKey = fc.constantFrom(
  "SenderFromDomain",
  "EmailDirection",
  "DeliveryAction",
  "bin(Timestamp, 1d)",
  "tolower(ThreatTypes)",
  "strlen(Subject)",
);
const tail = fc.oneof(
  fc
    .tuple(fc.array(aggregation, { minLength: 1, maxLength: 3 }), fc.array(groupKey, { maxLength: 2 }))
    .map(
      ([aggregations, keys]) =>
        `summarize ${aggregations.map((value, index) => `A${index} = ${value}`).join(", ")}${keys.length ? ` by ${[...new Set(keys)].join(", ")}` : ""}`,
    ),
  fc.constantFrom(
    "project ReportId, SenderFromDomain, Subject",
    "extend Day = startofday(Timestamp), L = strlen(Subject) | project ReportId, Day, L",
    "distinct SenderFromDomain, EmailDirection",
    "count",
  ),
  fc.constant("join kind=leftsemi (EmailUrlInfo) on NetworkMessageId | project ReportId"),
);
const query = fc
  .tuple(fc.array(condition, { maxLength: 2 }), tail)
  .map(([conditions, last]) => ["EmailEvents", ...conditions.map((test) => `where ${test}`), last].join("\n| "));

const sorted = (rows: Record<string, unknown>[]) => rows.map((row) => JSON.stringify(row)).sort();

describe("ClickHouse and PostgreSQL", () => {
  it("return the same rows for random queries over the same data", async () => {
    let compared = 0;
    await fc.assert(
      fc.asyncProperty(query, async (text) => {
        const onPostgres = await runHuntingQuery(text, { store: "postgres" });
        const onClickHouse = await runHuntingQuery(text, { store: "clickhouse" });
        expect(onClickHouse.columns, text).toEqual(onPostgres.columns);
        // avg() differs in its last bits between the engines; everything else is exact.
        const round = (rows: Record<string, unknown>[]) =>
          rows.map((row) =>
            Object.fromEntries(
              Object.entries(row).map(([key, value]) => [
                key,
                typeof value === "number" ? Math.round(value * 1e9) / 1e9 : value,
              ]),
            ),
          );
        expect(sorted(round(onClickHouse.rows)), text).toEqual(sorted(round(onPostgres.rows)));
        if (onPostgres.rowCount > 0) compared++;
      }),
      { numRuns: 150 },
    );
    expect(compared).toBeGreaterThan(50);
  });
});
