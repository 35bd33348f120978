import { ensureDatabase, dropDatabase, withDatabaseName } from "../src/server/db/databases";
import { applyMigrations } from "../src/server/db/schema-engine";
import { createRandom } from "../src/lib/random";
import pg from "pg";
const url = withDatabaseName(process.env.SERVER ?? "postgresql://postgres@127.0.0.1:5432/postgres", "bw_scratch");
await dropDatabase(url); await ensureDatabase(url); await applyMigrations(url);
process.env.DATABASE_URL = url;
const { ZEmailEventBatch } = await import("../src/server/ingestion/ingestion.schemas");
const { EMAIL_EVENT_COLUMNS } = await import("../src/server/ingestion/email-event-records");
const { toColumnArrays, unnestInsertSql } = await import("../src/server/ingestion/columnar-insert");
const { copyRows } = await import("../src/server/bench/copy-rows");
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
const SQLNC = SQL.replace(/ ON CONFLICT.*/, "");
const variants: Record<string, () => Promise<unknown>> = {
  copy: () => copyRows(client, "EmailEvent", EMAIL_EVENT_COLUMNS, parsed),
  unnestPg: async () => { for (let s = 0; s < N; s += 5000) await client.query(SQL, toColumnArrays(parsed.slice(s, s + 5000), EMAIL_EVENT_COLUMNS)); },
  unnestPgNoConflict: async () => { for (let s = 0; s < N; s += 5000) await client.query(SQLNC, toColumnArrays(parsed.slice(s, s + 5000), EMAIL_EVENT_COLUMNS)); },
  unnestPg20k: async () => { for (let s = 0; s < N; s += 20000) await client.query(SQL, toColumnArrays(parsed.slice(s, s + 20000), EMAIL_EVENT_COLUMNS)); },
  unnestPrisma: async () => { for (let s = 0; s < N; s += 5000) await prisma.$executeRawUnsafe(SQL, ...toColumnArrays(parsed.slice(s, s + 5000), EMAIL_EVENT_COLUMNS)); },
  parse: async () => ZEmailEventBatch.parse(rows),
};
for (let k = 0; k < 2; k++) for (const [name, f] of Object.entries(variants)) {
  await trunc(); await client.query("checkpoint");
  const t = performance.now(); await f(); console.log(k, name, Math.round(performance.now() - t));
}
await client.end();
const { disconnectPrisma } = await import("../src/server/db");
await disconnectPrisma(); await dropDatabase(url);
