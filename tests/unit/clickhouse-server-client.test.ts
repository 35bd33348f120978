import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { HUNTING_TABLES } from "@/lib/hunting-schema";
import { emailVolumeByDay } from "@/server/explorer/explorer.queries";
import { ZEmailVolumeQuery } from "@/server/explorer/explorer.schemas";
import { runHuntingQuery } from "@/server/hunting/run-hunting-query";
import { openClickHouseServer } from "@/server/hunting/store/clickhouse-client";
import { READER_LIMITS, READER_USER, readerPassword } from "@/server/hunting/store/clickhouse-reader";
import {
  closeHuntingClickHouse,
  huntingClickHouse,
  huntingClickHouseReader,
} from "@/server/hunting/store/hunting-store";
import { prepareReplicaSchema } from "@/server/hunting/store/replicate-hunting-tables";

// No ClickHouse server runs here: a fake one on HTTP records what the hunting store's server path sends through
// @clickhouse/client, to show that the read-only rules and the credentials reach the wire, and values stay out of
// the query text.

type TRecorded = { url: URL; headers: IncomingMessage["headers"]; body: string };
const recorded: TRecorded[] = [];
const DATABASE = "hunting_db";
const server = createServer((request, response) => {
  let body = "";
  request.on("data", (chunk) => {
    body += chunk;
  });
  request.on("end", () => {
    const url = new URL(request.url ?? "/", "http://fake");
    recorded.push({ url, headers: request.headers, body });
    const query = body + (url.searchParams.get("query") ?? "");
    response.writeHead(200, { "Content-Type": "application/x-ndjson", "X-ClickHouse-Format": "JSONEachRow" });
    response.end(query.includes("currentDatabase()") ? `{"database":"${DATABASE}"}\n` : '{"Count":3}\n');
  });
});
let base = "";

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `127.0.0.1:${(server.address() as AddressInfo).port}`;
});
beforeEach(() => {
  recorded.length = 0;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const credentials = ({ headers }: TRecorded) =>
  headers.authorization
    ? Buffer.from(headers.authorization.replace(/^Basic /, ""), "base64").toString()
    : `${headers["x-clickhouse-user"]}:${headers["x-clickhouse-key"]}`;
const statementOf = (request: TRecorded) => request.body || (request.url.searchParams.get("query") ?? "");
// What a request's URL carries besides settings.
const NOT_SETTINGS = new Set(["query_id", "query", "database", "session_id", "role"]);
const settingsOf = (request: TRecorded) =>
  [...request.url.searchParams].filter(([name]) => !NOT_SETTINGS.has(name) && !name.startsWith("param_"));

describe("the hunting store's ClickHouse server path", () => {
  it("sends the user's credentials, the values as parameters and readonly=1 after the limits it sets", async () => {
    const clickhouse = await openClickHouseServer(`http://hunting:s3cret@${base}`);
    const rows = await clickhouse.query(
      'SELECT count() AS "Count" FROM "EmailEvent" FINAL WHERE "subject" = {p1:String}',
      { p1: "it's'; DROP TABLE x" },
      { max_execution_time: 10, max_result_rows: 10_001, readonly: 1 },
    );
    await clickhouse.close();

    expect(rows).toEqual([{ Count: 3 }]);
    const [request] = recorded;
    expect(credentials(request)).toBe("hunting:s3cret");
    const params = request.url.searchParams;
    // ClickHouse reads a parameter in its escaped text form: \' is a quote.
    expect(params.get("param_p1")).toBe("it\\'s\\'; DROP TABLE x");
    expect(request.body + (params.get("query") ?? "")).not.toContain("DROP TABLE");
    expect(params.get("max_execution_time")).toBe("10");
    expect(params.get("max_result_rows")).toBe("10001");
    expect(params.get("session_timezone")).toBe("UTC");
    expect(params.get("readonly")).toBe("1");
    // readonly=1 forbids changing settings after it: every other setting of the query comes first.
    const names = [...params.keys()];
    const settings = ["max_execution_time", "max_result_rows", "session_timezone", "join_use_nulls"];
    for (const name of settings) expect(names.indexOf(name)).toBeLessThan(names.indexOf("readonly"));
  });

  describe("hunting reads as a user of its own", () => {
    const env = { ...process.env };
    beforeAll(() => {
      process.env.BREAKWATER_CLICKHOUSE = `http://hunting:s3cret@${base}`;
      process.env.NEXTAUTH_SECRET = "a-secret-of-at-least-16-characters";
      delete process.env.BREAKWATER_CLICKHOUSE_READER_PASSWORD;
    });
    afterAll(async () => {
      await closeHuntingClickHouse();
      process.env = env;
    });

    /** What the writer sends as it prepares the replica, and its statement that creates the reader. */
    async function prepareAsWriter(): Promise<{ statements: string[]; create: string }> {
      await prepareReplicaSchema((await huntingClickHouse())!);
      expect(recorded.map(credentials)).toEqual(recorded.map(() => "hunting:s3cret"));
      const statements = recorded.map(statementOf);
      const create = statements.find((statement) => statement.startsWith(`CREATE USER IF NOT EXISTS ${READER_USER} `));
      return { statements, create: create ?? "" };
    }

    it("is made by the writer as it prepares the replica: a password, readonly=1, and SELECT on the hunting tables only", async () => {
      const { statements, create } = await prepareAsWriter();
      const password = readerPassword();
      expect(password).toMatch(/^[\w-]{43}$/);
      const alter = statements.find((statement) => statement.startsWith(`ALTER USER ${READER_USER} `));
      expect(create).toContain(`IDENTIFIED WITH sha256_password BY '${password}' SETTINGS `);
      // An existing reader is brought to the same definition (a changed secret, changed limits).
      expect(alter?.slice("ALTER USER".length)).toBe(create.slice("CREATE USER IF NOT EXISTS".length));
      expect(create).toMatch(/\breadonly = 1\b/);
      expect(create).toContain("session_timezone = 'UTC'");
      for (const [name, max] of Object.entries(READER_LIMITS))
        expect(create).toContain(`${name} = ${max} MIN 1 MAX ${max} CHANGEABLE_IN_READONLY`);

      const grants = statements.filter((statement) => /\bGRANT\b/.test(statement));
      expect(grants).toHaveLength(1);
      const [, privileges] = grants[0].match(new RegExp(`^GRANT (.*) TO ${READER_USER} WITH REPLACE OPTION$`)) ?? [];
      expect(privileges.split(", ").sort()).toEqual(
        HUNTING_TABLES.map((table) => `SELECT ON "${DATABASE}"."${table.model}"`).sort(),
      );
      expect(statements.filter((statement) => statement.includes(READER_USER))).toHaveLength(3);
    });

    it("sends hunting queries, bag_unpack's key lookups and the Explorer chart with the reader's credentials, inserts with the writer's", async () => {
      await runHuntingQuery("EmailEvents | count", { store: "clickhouse" });
      await runHuntingQuery("EmailEvents | evaluate bag_unpack(AuthenticationDetails) | count", {
        store: "clickhouse",
      }).catch(() => undefined); // the fake answers the key lookup with no keys: only its request matters
      await emailVolumeByDay(ZEmailVolumeQuery.parse({}), { store: "clickhouse" });
      const reads = [...recorded];
      recorded.length = 0;
      await (await huntingClickHouse())!.insert("EmailEvent", [{ id: "1" }]);

      expect(reads.length).toBeGreaterThanOrEqual(3);
      expect(reads.map(statementOf).some((statement) => statement.includes("arrayJoin"))).toBe(true);
      expect(reads.map(credentials)).toEqual(reads.map(() => `${READER_USER}:${readerPassword()}`));
      expect(recorded.map(credentials)).toEqual(["hunting:s3cret"]);
      expect((await huntingClickHouseReader())!).not.toBe(await huntingClickHouse());
    });

    it("sends no setting the reader's readonly=1 would refuse: each is the user's own value, or a limit within its bounds", async () => {
      const { create } = await prepareAsWriter();
      recorded.length = 0;
      await runHuntingQuery("EmailEvents | count", { store: "clickhouse" });
      await emailVolumeByDay(ZEmailVolumeQuery.parse({}), { store: "clickhouse" });

      const limits: Record<string, number> = READER_LIMITS;
      for (const request of recorded) {
        for (const [name, value] of settingsOf(request)) {
          if (name in limits) {
            expect(Number(value)).toBeGreaterThanOrEqual(1);
            expect(Number(value)).toBeLessThanOrEqual(limits[name]);
          } else {
            expect(create).toMatch(new RegExp(`\\b${name} = '?${value}'?(,|$)`));
          }
        }
      }
    });
  });
});
