import { ensureDatabase, dropDatabase, withDatabaseName } from "../src/server/db/databases";
import { applyMigrations } from "../src/server/db/schema-engine";
import { createRandom } from "../src/lib/random";
import pg from "pg";
const url = withDatabaseName("postgresql://postgres@127.0.0.1:5432/postgres", "bw_scratch");
await dropDatabase(url); await ensureDatabase(url); await applyMigrations(url);
process.env.DATABASE_URL = url;
const { ZEmailEventBatch } = await import("../src/server/ingestion/ingestion.schemas");
const { toColumnArrays } = await import("../src/server/ingestion/columnar-insert");
const { EMAIL_EVENT_COLUMNS } = await import("../src/server/ingestion/email-event-records");
const { ingestEmailEvents } = await import("../src/server/ingestion/ingest-email-events");
const r = createRandom(1);
const mk = (n: number) => Array.from({ length: n }, (_, i) => ({
  timestamp: new Date(Date.UTC(2025, 0, 1) + i * 1000).toISOString(),
  networkMessageId: r.uuid(), internetMessageId: `<${r.hex(12)}@contoso.test>`,
  senderFromAddress: "a.b@contoso.test", senderMailFromAddress: "a.b@contoso.test", senderDisplayName: "A B",
  senderIPv4: "203.0.113.5", recipientEmailAddress: `u${i % 200}@contoso.test`, subject: "Hello 'x' \"y\" {z}",
  emailDirection: "Intra-org" as const, deliveryAction: "Delivered" as const, deliveryLocation: "Inbox/folder" as const,
  threatTypes: [], detectionMethods: {},
  authenticationDetails: { spf: "pass" as const, dkim: "pass" as const, dmarc: "pass" as const, compAuth: "pass" as const },
  emailSize: 1234, urls: [], attachments: [],
}));
const rows = mk(20000);
let t = performance.now();
const parsed = ZEmailEventBatch.parse(rows);
console.log("parse", performance.now() - t);
t = performance.now();
const cols = toColumnArrays(parsed.slice(0,5000), EMAIL_EVENT_COLUMNS);
console.log("cols 5000", performance.now() - t);
t = performance.now();
JSON.parse(JSON.stringify(cols));
console.log("json roundtrip 5000", performance.now() - t);
const { INSERT } = { INSERT: (await import("../src/server/ingestion/columnar-insert")).unnestInsertSql("EmailEvent", EMAIL_EVENT_COLUMNS, { conflictTarget: ["networkMessageId","recipientEmailAddress"] }) };
const client = new pg.Client({ connectionString: url }); await client.connect();
t = performance.now();
await client.query(INSERT, cols);
console.log("pg direct 5000", performance.now() - t);
await client.query(`truncate "EmailEvent"`);
t = performance.now();
await client.query(INSERT, cols);
console.log("pg direct 5000 again", performance.now() - t);
await client.query(`truncate "EmailEvent"`);
t = performance.now();
console.log(await ingestEmailEvents(rows), "ingest 20000", performance.now() - t);
await client.query(`truncate "EmailEvent"`);
t = performance.now();
console.log(await ingestEmailEvents(rows), "ingest 20000", performance.now() - t);
await client.end();
const { disconnectPrisma } = await import("../src/server/db");
await disconnectPrisma(); await dropDatabase(url);
