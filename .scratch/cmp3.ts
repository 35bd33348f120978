import { ensureDatabase, dropDatabase, withDatabaseName } from "../src/server/db/databases";
import { applyMigrations } from "../src/server/db/schema-engine";
import { createRandom } from "../src/lib/random";
import pg from "pg";
const url = withDatabaseName(process.env.SERVER ?? "postgresql://postgres@127.0.0.1:5432/postgres", "bw_scratch");
await dropDatabase(url); await ensureDatabase(url); await applyMigrations(url);
process.env.DATABASE_URL = url;
const { ZEmailEventBatch } = await import("../src/server/ingestion/ingestion.schemas");
const { EMAIL_EVENT_COLUMNS } = await import("../src/server/ingestion/email-event-records");
const { toColumnArrays, unnestInsertSql, quoteIdent } = await import("../src/server/ingestion/columnar-insert");
const { prisma } = await import("../src/server/db");
const r = createRandom(1);
const N = 50000;
const rows = Array.from({ length: N }, (_, i) => ({
  timestamp: new Date(Date.UTC(2025, 0, 1) + i * 1000).toISOString(),
  networkMessageId: r.uuid(), internetMessageId: `<${r.hex(12)}@contoso.test>`,
  senderFromAddress: "a.b@contoso.test", senderMailFromAddress: "a.b@contoso.test", senderDisplayName: "A B",
  senderIPv4: "203.0.113.5", recipientEmailAddress: `u${i % 200}@contoso.test`, subject: "Hello 'x' \"y\" {z}",
  emailDirection: "Intra-org" as const, deliveryAction: "Delivered" as const, deliveryLocation: "Inbox/folder" as const,
  threatTypes: [], detectionMethods: {},
  authenticationDetails: { spf: "pass" as const, dkim: "pass" as const, dmarc: "pass" as const, compAuth: "pass" as const },
  emailSize: 1234, urls: [], attachments: [],
}));
const parsed = ZEmailEventBatch.parse(rows);
const client = new pg.Client({ connectionString: url }); await client.connect();
const trunc = () => client.query(`truncate "EmailEvent", "EmailUrlInfo", "EmailAttachmentInfo"`);
const SQL = unnestInsertSql("EmailEvent", EMAIL_EVENT_COLUMNS, { conflictTarget: ["networkMessageId","recipientEmailAddress"] });
const cols = EMAIL_EVENT_COLUMNS;
const JSQL = `INSERT INTO "EmailEvent" (${cols.map(c => quoteIdent(c.name)).join(", ")}) SELECT ${cols.map((c, i) => `(e->>${i})::${c.type}`).join(", ")} FROM jsonb_array_elements($1::jsonb) e ON CONFLICT ("networkMessageId","recipientEmailAddress") DO NOTHING`;
const RSQL = `INSERT INTO "EmailEvent" (${cols.map(c => quoteIdent(c.name)).join(", ")}) SELECT ${cols.map((c) => quoteIdent(c.name)).join(", ")} FROM jsonb_to_recordset($1::jsonb) AS r(${cols.map(c => `${quoteIdent(c.name)} ${c.type}`).join(", ")}) ON CONFLICT ("networkMessageId","recipientEmailAddress") DO NOTHING`;
const toJsonRows = (b: typeof parsed) => JSON.stringify(b.map((e) => cols.map((c) => c.value(e))));
const toJsonRecs = (b: typeof parsed) => JSON.stringify(b.map((e) => Object.fromEntries(cols.map((c) => [c.name, c.value(e)]))));
const variants: Record<string, () => Promise<unknown>> = {
  unnestPrisma: async () => { for (let s = 0; s < N; s += 5000) await prisma.$executeRawUnsafe(SQL, ...toColumnArrays(parsed.slice(s, s + 5000), cols)); },
  jsonArrayPrisma: async () => { for (let s = 0; s < N; s += 5000) await prisma.$executeRawUnsafe(JSQL, toJsonRows(parsed.slice(s, s + 5000))); },
  unnestPg: async () => { for (let s = 0; s < N; s += 5000) await client.query(SQL, toColumnArrays(parsed.slice(s, s + 5000), cols)); },
  jsonArrayPg: async () => { for (let s = 0; s < N; s += 5000) await client.query(JSQL, [toJsonRows(parsed.slice(s, s + 5000))]); },
};
const best: Record<string, number[]> = {};
for (let k = 0; k < 5; k++) for (const [name, f] of Object.entries(variants)) {
  await trunc(); await client.query("checkpoint");
  const t = performance.now(); await f(); (best[name] ??= []).push(Math.round(performance.now() - t));
}
for (const [k, v] of Object.entries(best)) console.log(k, v.sort((a, b) => a - b).join(" "));
console.log((await client.query(`select count(*) from "EmailEvent"`)).rows);
await client.end();
const { disconnectPrisma } = await import("../src/server/db");
await disconnectPrisma(); await dropDatabase(url);
