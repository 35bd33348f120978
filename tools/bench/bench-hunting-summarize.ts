import { Prisma } from "@/generated/prisma/client";
import { SYSTEM } from "@/server/auth/principal";
import { prisma } from "@/server/db";
import { renderClickHouse } from "@/server/hunting/kql/clickhouse-sql";
import { compileKql } from "@/server/hunting/kql/compile-kql";
import { CLICKHOUSE } from "@/server/hunting/kql/dialect";
import { runHuntingQuery } from "@/server/hunting/run-hunting-query";
import { closeHuntingClickHouse, huntingClickHouse } from "@/server/hunting/store/hunting-store";
import { prepareReplica, replicateBatch } from "@/server/hunting/store/replicate-hunting-tables";
import { parseKql } from "@/server/hunting/kql/parse-query";
import { createToken } from "@/server/tokens/tokens.service";
import { ms, percentile, timed } from "./bench-stats";
import type { BenchContext } from "./bench.types";
import { loadPhishTenant } from "./phish-tenant";

// Goal: the route's p95 within twice the p95 of its compiled statement run directly.
const TARGET_RATIO = 2;
// Past a few million rows a PostgreSQL round of the four queries takes minutes: 3 runs each (the p95 is their worst).
const runsFor = (rows: number) => (rows > 2_000_000 ? { warmUp: 1, perQuery: 3 } : { warmUp: 3, perQuery: 20 });
// runHuntingQuery's default row limit: the compiled statement runs with LIMIT rowLimit + 1.
const ROW_LIMIT = 10_000;

/** p95 over p95, to two decimals. */
const ratio = (measured: number[], baseline: number[]) =>
  Number((percentile(measured, 95) / percentile(baseline, 95)).toFixed(2));

/** Published-style `summarize … by` queries, each with the SQL a person would write for the same question. */
const TIMED_OUT = -1;

const QUERIES: { kql: string; handWritten: Prisma.Sql }[] = [
  {
    kql: "EmailEvents | where Timestamp > ago(7d) | summarize count() by SenderFromDomain | top 10 by count_",
    handWritten: Prisma.sql`
      select "senderFromDomain", count(*) as count_ from "EmailEvent"
      where timestamp > (now() at time zone 'UTC') - interval '7 days'
      group by 1 order by 2 desc limit 10`,
  },
  {
    // The tenant's threats are Spam: the published query's "Phish", over rows that exist.
    kql: 'EmailEvents | where ThreatTypes has "Spam" | summarize dcount(RecipientEmailAddress) by bin(Timestamp, 1h)',
    handWritten: Prisma.sql`
      select date_trunc('hour', timestamp) as "Timestamp", count(distinct "recipientEmailAddress") as "dcount_RecipientEmailAddress"
      from "EmailEvent" where "threatTypes" ~* '(?<![0-9a-z])spam(?![0-9a-z])'
      group by 1`,
  },
  {
    kql: "EmailUrlInfo | summarize count() by UrlDomain | top 20 by count_",
    handWritten: Prisma.sql`select "urlDomain", count(*) as count_ from "EmailUrlInfo" group by 1 order by 2 desc limit 20`,
  },
  {
    kql: "EmailEvents | where Timestamp > ago(30d) | summarize Messages = count(), Recipients = dcount(RecipientEmailAddress) by EmailDirection, DeliveryAction",
    handWritten: Prisma.sql`
      select "emailDirection", "deliveryAction", count(*) as "Messages", count(distinct "recipientEmailAddress") as "Recipients"
      from "EmailEvent" where timestamp > (now() at time zone 'UTC') - interval '30 days'
      group by 1, 2`,
  },
];

/**
 * Advanced hunting's `summarize … by` through the real route (token check, body parsing, compile, the read-only
 * transaction as the hunting role, result conversion, JSON) on a tenant of --rows (at least 1,000,000); beside it, in
 * the same run, the very statement the compiler produced (same text and parameters, with the runner's LIMIT) sent
 * straight through prisma.$queryRaw, and a hand-written equivalent. The three take turns per query.
 */
export async function benchHuntingSummarize(context: BenchContext) {
  const { rows } = await loadPhishTenant(context);
  const { log } = context;
  const { secret } = await createToken({ name: "bench", role: "admin" }, SYSTEM);
  // Imported here, not at the top: the route brings next-auth's configuration, which the other benchmarks need not load.
  const { POST: huntingRoute } = await import("@/app/api/v1/hunting/query/route");

  const viaRoute = async (kql: string) => {
    const response = await huntingRoute(
      new Request("http://localhost/api/v1/hunting/query", {
        method: "POST",
        headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
        body: JSON.stringify({ query: kql }),
      }),
      { params: Promise.resolve({}) },
    );
    const body = await response.text();
    // The runner's 10 s limit stops PostgreSQL's slowest summaries at 10M rows: counted, and timed as what they took.
    if (response.status === 400 && body.includes("ran longer than")) return TIMED_OUT;
    if (response.status !== 200)
      throw new Error(`POST /api/v1/hunting/query ${kql} answered ${response.status}: ${body}`);
    return (JSON.parse(body) as { rowCount: number }).rowCount;
  };
  const cases = QUERIES.map(({ kql, handWritten }) => ({
    kql,
    compiled: Prisma.sql`${compileKql(parseKql(kql)).sql} LIMIT ${ROW_LIMIT + 1}::bigint`,
    handWritten,
    times: { route: [] as number[], compiled: [] as number[], handWritten: [] as number[] },
    routeTimeouts: 0,
  }));
  const runs = runsFor(rows);

  for (let n = 0; n < runs.warmUp; n++) {
    for (const { kql, compiled, handWritten } of cases) {
      const counts = [
        await viaRoute(kql),
        (await prisma.$queryRaw<unknown[]>(compiled)).length,
        (await prisma.$queryRaw<unknown[]>(handWritten)).length,
      ].filter((count) => count !== TIMED_OUT);
      if (new Set(counts).size !== 1)
        throw new Error(`${kql}: route, compiled and hand-written SQL returned ${counts.join(", ")} rows`);
    }
  }
  for (let n = 0; n < runs.perQuery; n++) {
    for (const entry of cases) {
      const { kql, compiled, handWritten, times } = entry;
      times.route.push(
        await timed(async () => {
          if ((await viaRoute(kql)) === TIMED_OUT) entry.routeTimeouts++;
        }),
      );
      times.compiled.push(await timed(() => prisma.$queryRaw(compiled)));
      times.handWritten.push(await timed(() => prisma.$queryRaw(handWritten)));
    }
  }

  const perQuery = cases.map(({ kql, times, routeTimeouts }) => ({
    kql,
    routeTimeouts,
    routeP95Ms: ms(percentile(times.route, 95)),
    compiledSqlP95Ms: ms(percentile(times.compiled, 95)),
    handWrittenSqlP95Ms: ms(percentile(times.handWritten, 95)),
    ratioToCompiled: ratio(times.route, times.compiled),
    ratioToHandWritten: ratio(times.route, times.handWritten),
  }));
  for (const entry of perQuery) {
    log(
      `huntingSummarize: route p95 ${entry.routeP95Ms} ms, compiled SQL ${entry.compiledSqlP95Ms} ms (×${entry.ratioToCompiled}), hand-written ${entry.handWrittenSqlP95Ms} ms (×${entry.ratioToHandWritten})  ${entry.kql}`,
    );
  }
  const all = (key: keyof (typeof cases)[number]["times"]) => cases.flatMap(({ times }) => times[key]);
  const worst = (key: "ratioToCompiled" | "ratioToHandWritten") => Math.max(...perQuery.map((entry) => entry[key]));
  return {
    rows,
    queries: cases.length,
    runs: all("route").length,
    routeP95Ms: ms(percentile(all("route"), 95)),
    compiledSqlP95Ms: ms(percentile(all("compiled"), 95)),
    handWrittenSqlP95Ms: ms(percentile(all("handWritten"), 95)),
    ratioToCompiled: ratio(all("route"), all("compiled")),
    ratioToHandWritten: ratio(all("route"), all("handWritten")),
    worstQueryRatioToCompiled: worst("ratioToCompiled"),
    worstQueryRatioToHandWritten: worst("ratioToHandWritten"),
    ...Object.fromEntries(
      perQuery.flatMap((entry, index) => Object.entries(entry).map(([key, value]) => [`q${index + 1}.${key}`, value])),
    ),
    targetRatio: TARGET_RATIO,
    ...(await benchOnClickHouse(log, runs, perQuery)),
  };
}

/**
 * With BREAKWATER_CLICKHOUSE set: the tenant copied to ClickHouse by the replicator (its rows/s), then each query
 * through runHuntingQuery on ClickHouse beside the ClickHouse SQL it compiles to, run directly in that engine.
 */
async function benchOnClickHouse(
  log: BenchContext["log"],
  runs: ReturnType<typeof runsFor>,
  onPostgres: { routeP95Ms: number; compiledSqlP95Ms: number }[],
) {
  const clickhouse = await huntingClickHouse();
  if (!clickhouse) return {};
  const copyStarted = performance.now();
  // The replicator's bulk fill, as when ClickHouse is switched on beside a full database: one-by-one queuing of
  // 13 million ids would take the better part of an hour.
  await prepareReplica(clickhouse, { fill: "bulk" });
  const [{ copied }] = await prisma.$queryRaw<{ copied: bigint }[]>`
    SELECT (SELECT count(*) FROM "EmailEvent") + (SELECT count(*) FROM "EmailUrlInfo") AS copied`;
  while ((await replicateBatch(clickhouse, { batchSize: 20_000 })) > 0);
  const copySeconds = (performance.now() - copyStarted) / 1000;
  log(
    `huntingSummarize: ${copied} rows bulk-copied to ClickHouse (${clickhouse.kind}) by the replicator's bulk fill in ${copySeconds.toFixed(1)} s`,
  );
  const cases = QUERIES.map(({ kql }) => ({
    kql,
    statement: renderClickHouse(
      Prisma.sql`${compileKql(parseKql(kql), CLICKHOUSE).sql} LIMIT ${ROW_LIMIT + 1}::bigint`,
    ),
    times: { runner: [] as number[], direct: [] as number[] },
  }));
  const direct = (statement: (typeof cases)[number]["statement"]) =>
    clickhouse.query(statement.query, statement.params);
  for (let n = 0; n < runs.warmUp; n++) {
    for (const { kql, statement } of cases) {
      const counts = [(await runHuntingQuery(kql, { store: "clickhouse" })).rowCount, (await direct(statement)).length];
      if (counts[0] !== counts[1])
        throw new Error(`${kql}: ClickHouse runner and direct SQL returned ${counts.join(", ")} rows`);
    }
  }
  for (let n = 0; n < runs.perQuery; n++) {
    for (const { kql, statement, times } of cases) {
      times.runner.push(await timed(() => runHuntingQuery(kql, { store: "clickhouse" })));
      times.direct.push(await timed(() => direct(statement)));
    }
  }
  for (const [index, { kql, times }] of cases.entries()) {
    log(
      `huntingSummarize on ClickHouse: runner p95 ${ms(percentile(times.runner, 95))} ms, its SQL directly ${ms(percentile(times.direct, 95))} ms; on PostgreSQL route ${onPostgres[index].routeP95Ms} ms, its SQL ${onPostgres[index].compiledSqlP95Ms} ms  ${kql}`,
    );
  }
  await closeHuntingClickHouse();
  return {
    clickhouseStore: clickhouse.kind,
    clickhouseFill: "bulk",
    clickhouseCopiedRows: Number(copied),
    clickhouseCopyRowsPerSecond: Math.round(Number(copied) / copySeconds),
    clickhouseRunnerP95Ms: ms(
      percentile(
        cases.flatMap(({ times }) => times.runner),
        95,
      ),
    ),
    clickhouseSqlP95Ms: ms(
      percentile(
        cases.flatMap(({ times }) => times.direct),
        95,
      ),
    ),
    ...Object.fromEntries(
      cases.flatMap(({ times }, index) => [
        [`q${index + 1}.clickhouseRunnerP95Ms`, ms(percentile(times.runner, 95))],
        [`q${index + 1}.clickhouseSqlP95Ms`, ms(percentile(times.direct, 95))],
      ]),
    ),
  };
}
