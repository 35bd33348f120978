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
const client = new pg.Client({ connectionString: url }); await client.connect();
for (let k = 0; k < 8; k++) {
  const j = toJsonRows(v.slice(k * 5000, k * 5000 + 5000), R.EMAIL_EVENT_COLUMNS);
  const sel = IE.replace(/^INSERT INTO "EmailEvent" \([^)]*\) /, "").replace(/ ON CONFLICT.*/, "");
  if (k === 7) {
    let t = performance.now(); await client.query(`SELECT count(*) FROM (${sel}) s`, [j]); console.log("select only", performance.now() - t);
    t = performance.now(); await client.query(`SELECT count(*) FROM jsonb_array_elements($1::jsonb)`, [j]); console.log("parse only", performance.now() - t);
    const r = await client.query(`EXPLAIN (ANALYZE, BUFFERS, WAL) ${IE}`, [j]); console.log(r.rows.map((x: any) => x["QUERY PLAN"]).join("\n"));
  } else { const t = performance.now(); await client.query(IE, [j]); console.log("insert", Math.round(performance.now() - t)); }
}
await client.end(); await dropDatabase(url);
