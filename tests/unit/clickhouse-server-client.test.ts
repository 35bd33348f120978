import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openClickHouseServer } from "@/server/hunting/store/clickhouse-client";

// No ClickHouse server runs here: a fake one on HTTP records what the hunting store's server path sends through
// @clickhouse/client, to show that the read-only rules and the credentials reach the wire, and values stay out of
// the query text.

type TRecorded = { url: URL; headers: IncomingMessage["headers"]; body: string };
const recorded: TRecorded[] = [];
const server = createServer((request, response) => {
  let body = "";
  request.on("data", (chunk) => {
    body += chunk;
  });
  request.on("end", () => {
    recorded.push({ url: new URL(request.url ?? "/", "http://fake"), headers: request.headers, body });
    response.writeHead(200, { "Content-Type": "application/x-ndjson", "X-ClickHouse-Format": "JSONEachRow" });
    response.end('{"Count":3}\n');
  });
});
let base = "";

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

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
    const credentials = request.headers.authorization
      ? Buffer.from(request.headers.authorization.replace(/^Basic /, ""), "base64").toString()
      : `${request.headers["x-clickhouse-user"]}:${request.headers["x-clickhouse-key"]}`;
    expect(credentials).toBe("hunting:s3cret");
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
});
