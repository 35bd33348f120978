import pg from "pg";
import { ensureDatabase, dropDatabase, withDatabaseName } from "../src/server/db/databases";
import { applyMigrations } from "../src/server/db/schema-engine";
const url = withDatabaseName("postgresql://postgres@127.0.0.1:5432/postgres", "bw_scratch");
await dropDatabase(url); await ensureDatabase(url); await applyMigrations(url);
const { generateOrg } = await import("../src/server/simulator/org/generate-org");
const { ZEmailEventBatch } = await import("../src/server/ingestion/ingestion.schemas");
const { toJsonRows, jsonRowsInsertSql } = await import("../src/server/ingestion/columnar-insert");
const R = await import("../src/server/ingestion/email-event-records");
const plan = generateOrg({ seed: 1, days: 10, mailboxes: 200, now: new Date("2025-01-01T00:00:00Z") });
let rows: any[] = [];
for (const { mail } of plan.days()) { rows = rows.concat(mail); if (rows.length >= 40000) break; }
const v = ZEmailEventBatch.parse(rows.slice(0, 40000));
const IE = jsonRowsInsertSql("EmailEvent", R.EMAIL_EVENT_COLUMNS, { conflictTarget: ["networkMessageId", "recipientEmailAddress"] });
const OLD = IE.replace("FROM (SELECT jsonb_array_elements(convert_from($1::bytea, 'UTF8')::jsonb) AS r) AS rows", "FROM jsonb_array_elements(convert_from($1::bytea, 'UTF8')::jsonb) AS r");
const client = new pg.Client({ connectionString: url }); await client.connect();
const times: Record<string, number[]> = { new: [], old: [] };
for (let k = 0; k < 8; k++) {
  const j = toJsonRows(v.slice(k * 5000, k * 5000 + 5000), R.EMAIL_EVENT_COLUMNS);
  const which = k % 2 ? "old" : "new";
  const r = await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${which === "new" ? IE : OLD}`, [j]);
  const plan = r.rows.map((x: any) => x["QUERY PLAN"]);
  times[which].push(Number(plan.at(-1).match(/[\d.]+/)[0]));
  if (k < 2) console.log(plan.join("\n"));
}
console.log(times);
await client.end(); await dropDatabase(url);
