import pg from "pg";
import { ensureDatabase, dropDatabase, withDatabaseName } from "../src/server/db/databases";
import { applyMigrations } from "../src/server/db/schema-engine";
const url = withDatabaseName("postgresql://postgres@127.0.0.1:5432/postgres", "bw_scratch");
await dropDatabase(url); await ensureDatabase(url); await applyMigrations(url);
process.env.DATABASE_URL = url;
const { generateOrg } = await import("../src/server/simulator/org/generate-org");
const { ZEmailEventBatch } = await import("../src/server/ingestion/ingestion.schemas");
const { toJsonRows, jsonRowsInsertSql } = await import("../src/server/ingestion/columnar-insert");
const R = await import("../src/server/ingestion/email-event-records");
const { prisma, disconnectPrisma } = await import("../src/server/db");
const plan = generateOrg({ seed: 1, days: 30, mailboxes: 200, now: new Date("2025-01-01T00:00:00Z") });
let rows: any[] = [];
for (const { mail } of plan.days()) { rows = rows.concat(mail); if (rows.length >= 100000) break; }
const v = ZEmailEventBatch.parse(rows.slice(0, 100000));
const IE = jsonRowsInsertSql("EmailEvent", R.EMAIL_EVENT_COLUMNS, { conflictTarget: ["networkMessageId", "recipientEmailAddress"] });
const TE = IE.replace("convert_from($1::bytea, 'UTF8')::jsonb", "$1::jsonb");
const bufs: Buffer[] = []; for (let s = 0; s < v.length; s += 5000) bufs.push(toJsonRows(v.slice(s, s + 5000), R.EMAIL_EVENT_COLUMNS));
const strs = bufs.map((b) => b.toString("utf8"));
const client = new pg.Client({ connectionString: url }); await client.connect();
const reset = async () => { await client.query(`truncate "EmailEvent"`); await client.query("checkpoint"); };
const res: Record<string, number[]> = { bytes: [], text: [], bytesPg: [], textPg: [] };
for (let k = 0; k < 4; k++) {
  await reset(); let t = performance.now(); for (const b of bufs) await prisma.$executeRawUnsafe(IE, b); res.bytes.push(Math.round(performance.now() - t));
  await reset(); t = performance.now(); for (const s of strs) await prisma.$executeRawUnsafe(TE, s); res.text.push(Math.round(performance.now() - t));
  await reset(); t = performance.now(); for (const b of bufs) await client.query(IE, [b]); res.bytesPg.push(Math.round(performance.now() - t));
  await reset(); t = performance.now(); for (const s of strs) await client.query(TE, [s]); res.textPg.push(Math.round(performance.now() - t));
}
for (const [n, x] of Object.entries(res)) console.log(n, x.sort((a, b) => a - b).join(" "));
await client.end(); await disconnectPrisma(); await dropDatabase(url);
