import { SYSTEM } from "@/server/auth/principal";
import { prisma } from "@/server/db";
import { DEFAULT_COUNT_CAP, runSearchStatements, searchEmailStatements } from "@/server/explorer/explorer.queries";
import { ZEmailSearchQuery, type TEmailSearchQuery } from "@/server/explorer/explorer.schemas";
import { PARTNERS } from "@/server/simulator/org/org-directory";
import { createToken } from "@/server/tokens/tokens.service";
import { ms, percentile, timed } from "./bench-stats";
import type { BenchContext } from "./bench.types";
import { loadPhishTenant } from "./phish-tenant";

// Goal: the route's p95 within twice the p95 of the same two statements run directly.
const TARGET_RATIO = 2;
const WARM_UP_REQUESTS = 3;
const REQUESTS_PER_FILTER = 20;

/**
 * Threat Explorer's email search through its real route (token check, zod parsing, the page and its capped total
 * count, JSON) on a tenant of --rows (at least 1,000,000), for varied filters; beside it, in the same run, the
 * service's own two statements (emailWhereSql with the same order, page and capped count) sent straight through
 * prisma.$queryRaw.
 * Route and raw take turns per filter, so a slow moment on the machine falls on both alike.
 */
export async function benchExplorerSearch(context: BenchContext) {
  const { rows } = await loadPhishTenant(context);
  const { log } = context;
  const { secret } = await createToken({ name: "bench", role: "admin" }, SYSTEM);
  // Imported here, not at the top: the route brings next-auth's configuration, which the other benchmarks need not load.
  const { GET: searchRoute } = await import("@/app/api/v1/explorer/email/route");
  const [{ address: mailbox }] = await prisma.$queryRaw<
    { address: string }[]
  >`select address from "Mailbox" order by address limit 1`;
  const partner = PARTNERS[0].domain;
  const filters = [
    `senderDomain=${partner}&range=7d`,
    `recipient=${mailbox}&range=30d`,
    "subject=invoice&range=24h",
    `urlDomain=portal.${partner}&range=7d`,
    `sha256=${"ab".repeat(32)}&range=30d`,
    "threat=Spam&range=30d",
    "location=Quarantine,Junk folder&range=7d&sort=senderFromAddress",
    "range=30d&sort=subject",
    `sender=${partner}&threat=None&range=24h&sort=-recipientEmailAddress`,
  ];

  const viaRoute = async (query: string) => {
    const response = await searchRoute(
      new Request(`http://localhost/api/v1/explorer/email?${query}`, {
        headers: { authorization: `Bearer ${secret}` },
      }),
      {
        params: Promise.resolve({}),
      },
    );
    if (response.status !== 200)
      throw new Error(`GET /api/v1/explorer/email?${query} answered ${response.status}: ${await response.text()}`);
    return ((await response.json()) as { total: number }).total;
  };
  const parsed = new Map(
    filters.map((query) => [query, ZEmailSearchQuery.parse(Object.fromEntries(new URLSearchParams(query)))]),
  );
  const viaSql = (query: string) => rawSearch(parsed.get(query)!);

  for (let n = 0; n < WARM_UP_REQUESTS; n++) {
    for (const query of filters) {
      const [routeTotal, sqlTotal] = [await viaRoute(query), await viaSql(query)];
      if (routeTotal !== sqlTotal) throw new Error(`${query}: the route counted ${routeTotal}, the SQL ${sqlTotal}`);
    }
  }
  const times = new Map(filters.map((query) => [query, { route: [] as number[], raw: [] as number[] }]));
  for (let n = 0; n < REQUESTS_PER_FILTER; n++) {
    for (const query of filters) {
      times.get(query)!.route.push(await timed(() => viaRoute(query)));
      times.get(query)!.raw.push(await timed(() => viaSql(query)));
    }
  }

  const perFilter = filters.map((query) => {
    const { route, raw } = times.get(query)!;
    return { query, routeP95: percentile(route, 95), rawP95: percentile(raw, 95) };
  });
  for (const { query, routeP95, rawP95 } of perFilter) {
    log(
      `explorerSearch: route p95 ${routeP95.toFixed(1)} ms, raw SQL p95 ${rawP95.toFixed(1)} ms, ratio ${(routeP95 / rawP95).toFixed(2)}  ${query}`,
    );
  }
  const slowest = perFilter.reduce((worst, entry) => (entry.routeP95 > worst.routeP95 ? entry : worst));
  const route = [...times.values()].flatMap((entry) => entry.route);
  const raw = [...times.values()].flatMap((entry) => entry.raw);
  const worstRatio = perFilter.reduce((worst, entry) =>
    entry.routeP95 / entry.rawP95 > worst.routeP95 / worst.rawP95 ? entry : worst,
  );
  return {
    rows,
    filters: filters.length,
    requests: route.length,
    routeP50Ms: ms(percentile(route, 50)),
    routeP95Ms: ms(percentile(route, 95)),
    rawSqlP50Ms: ms(percentile(raw, 50)),
    rawSqlP95Ms: ms(percentile(raw, 95)),
    ratioP95: Number((percentile(route, 95) / percentile(raw, 95)).toFixed(2)),
    slowestFilter: slowest.query,
    slowestFilterP95Ms: ms(slowest.routeP95),
    slowestFilterRawSqlP95Ms: ms(slowest.rawP95),
    worstRatioFilter: worstRatio.query,
    worstFilterRatio: Number((worstRatio.routeP95 / worstRatio.rawP95).toFixed(2)),
    targetRatio: TARGET_RATIO,
  };
}

/** searchEmail's statements, as it builds and runs them, without the route, zod or JSON: the page and the capped count. */
async function rawSearch(query: TEmailSearchQuery): Promise<number> {
  const { count } = await runSearchStatements(searchEmailStatements(query));
  return Math.min(count, DEFAULT_COUNT_CAP);
}
