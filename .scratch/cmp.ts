import { ensureDatabase, dropDatabase, withDatabaseName } from "../src/server/db/databases";
import { applyMigrations } from "../src/server/db/schema-engine";
import { createRandom } from "../src/lib/random";
import pg from "pg";
const url = withDatabaseName(process.env.SERVER ?? "postgresql://postgres@127.0.0.1:5432/postgres", "bw_scratch");
await dropDatabase(url); await ensureDatabase(url); await applyMigrations(url);
process.env.DATABASE_URL = url;
const { ZEmailEventBatch } = await import("../src/server/ingestion/ingestion.schemas");
const { EMAIL_EVENT_COLUMNS, EMAIL_URL_COLUMNS, EMAIL_ATTACHMENT_COLUMNS, toChildRecords } = await import("../src/server/ingestion/email-event-records");
const { ingestEmailEvents } = await import("../src/server/ingestion/ingest-email-events");
const { copyRows } = await import("../src/server/bench/copy-rows");
const r = createRandom(1);
const N = 50000;
const rows = Array.from({ length: N }, (_, i) => ({
  timestamp: new Date(Date.UTC(2025, 0, 1) + i * 1000).toISOString(),
  networkMessageId: r.uuid(), internetMessageId: `<${r.hex(12)}@contoso.test>`,
  senderFromAddress: "a.b@contoso.test", senderMailFromAddress: "a.b@contoso.test", senderDisplayName: "A B",
  senderIPv4: "203.0.113.5", recipientEmailAddress: `u${i % 200}@contoso.test`, subject: "Hello 'x' \"y\" {z}",
  emailDirection: "Intra-org" as const, deliveryAction: "Delivered" as const, deliveryLocation: "Inbox/folder" as const,
  threatTypes: i % 10 ? [] : ["Phish" as const], detectionMethods: i % 10 ? {} : { Phish: ["URL detonation" as const] },
  authenticationDetails: { spf: "pass" as const, dkim: "pass" as const, dmarc: "pass" as const, compAuth: "pass" as const },
  emailSize: 1234, urls: i % 3 ? [] : [{ url: `https://x${i % 7}.example/a?b=${i}` }],
  attachments: i % 7 ? [] : [{ fileName: "a.pdf", fileType: "pdf", sha256: r.hex(64), fileSize: 100 }],
}));
const client = new pg.Client({ connectionString: url }); await client.connect();
const trunc = () => client.query(`truncate "EmailEvent", "EmailUrlInfo", "EmailAttachmentInfo"`);
for (let k = 0; k < 6; k++) {
  await trunc();
  let t = performance.now();
  await ingestEmailEvents(rows, { concurrency: 1 + (k % 2) });
  const ing = performance.now() - t;
  await trunc();
  const parsed = ZEmailEventBatch.parse(rows);
  t = performance.now();
  await client.query("BEGIN");
  await copyRows(client, "EmailEvent", EMAIL_EVENT_COLUMNS, parsed);
  const { urls, attachments } = toChildRecords(parsed);
  await copyRows(client, "EmailUrlInfo", EMAIL_URL_COLUMNS, urls);
  await copyRows(client, "EmailAttachmentInfo", EMAIL_ATTACHMENT_COLUMNS, attachments);
  await client.query("COMMIT");
  const cp = performance.now() - t;
  console.log({ c: 1 + (k % 2), ing: Math.round(ing), cp: Math.round(cp), ratio: (cp / ing).toFixed(2) });
}
await client.end();
const { disconnectPrisma } = await import("../src/server/db");
await disconnectPrisma(); await dropDatabase(url);
