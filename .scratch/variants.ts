import pg from "pg";
import { ensureDatabase, dropDatabase, withDatabaseName } from "../src/server/db/databases";
import { applyMigrations } from "../src/server/db/schema-engine";
const url = withDatabaseName(process.env.SERVER ?? "postgresql://postgres@127.0.0.1:5432/postgres", "bw_scratch");
await dropDatabase(url); await ensureDatabase(url); await applyMigrations(url);
process.env.DATABASE_URL = url;
const { generateOrg } = await import("../src/server/simulator/org/generate-org");
const { ZEmailEventBatch } = await import("../src/server/ingestion/ingestion.schemas");
const { toJsonRows, jsonRowsInsertSql } = await import("../src/server/ingestion/columnar-insert");
const R = await import("../src/server/ingestion/email-event-records");
const { ingestEmailEvents } = await import("../src/server/ingestion/ingest-email-events");
const { prisma } = await import("../src/server/db");
const { copyRows } = await import("../src/server/bench/copy-rows");
const copyT: number[] = [];
const plan = generateOrg({ seed: 1, days: 30, mailboxes: 200, now: new Date("2025-01-01T00:00:00Z") });
let rows: any[] = [];
for (const { mail } of plan.days()) { rows = rows.concat(mail); if (rows.length >= 100000) break; }
rows = rows.slice(0, 100000);
const IE = jsonRowsInsertSql("EmailEvent", R.EMAIL_EVENT_COLUMNS, { conflictTarget: ["networkMessageId", "recipientEmailAddress"] });
const IU = jsonRowsInsertSql("EmailUrlInfo", R.EMAIL_URL_COLUMNS, { conflictTarget: ["networkMessageId", "url"] });
const IA = jsonRowsInsertSql("EmailAttachmentInfo", R.EMAIL_ATTACHMENT_COLUMNS, { conflictTarget: ["networkMessageId", "recipientEmailAddress", "sha256"] });
async function pipelined(input: any[], size = 5000) {
  return prisma.$transaction(async (tx) => {
    let inflight: Promise<unknown> = Promise.resolve();
    let inserted = 0;
    for (let s = 0; s < input.length; s += size) {
      const batch = ZEmailEventBatch.parse(input.slice(s, s + size));
      const ev = toJsonRows(batch, R.EMAIL_EVENT_COLUMNS);
      const c = R.toChildRecords(batch);
      const u = toJsonRows(c.urls, R.EMAIL_URL_COLUMNS), a = toJsonRows(c.attachments, R.EMAIL_ATTACHMENT_COLUMNS);
      await inflight;
      inflight = (async () => { inserted += await tx.$executeRawUnsafe(IE, ev); await tx.$executeRawUnsafe(IU, u); await tx.$executeRawUnsafe(IA, a); })();
    }
    await inflight;
    return inserted;
  }, { timeout: 600000, maxWait: 60000 });
}
async function c2v(input: any[], size = 5000, conc = 2) {
  const batches: any[][] = [];
  for (let s = 0; s < input.length; s += size) batches.push(input.slice(s, s + size));
  let next = 0, inserted = 0;
  const worker = async () => { while (next < batches.length) { const b = ZEmailEventBatch.parse(batches[next++]);
    const ev = toJsonRows(b, R.EMAIL_EVENT_COLUMNS); const c = R.toChildRecords(b);
    const u = toJsonRows(c.urls, R.EMAIL_URL_COLUMNS), a = toJsonRows(c.attachments, R.EMAIL_ATTACHMENT_COLUMNS);
    inserted += await prisma.$transaction(async (tx) => { const n = await tx.$executeRawUnsafe(IE, ev); await tx.$executeRawUnsafe(IU, u); await tx.$executeRawUnsafe(IA, a); return n; }, { timeout: 600000, maxWait: 60000 }); } };
  await Promise.all(Array.from({ length: conc }, worker));
  return inserted;
}
const client = new pg.Client({ connectionString: url }); await client.connect();
const reset = async () => { await client.query(`truncate "EmailEvent", "EmailUrlInfo", "EmailAttachmentInfo"`); await client.query("checkpoint"); };
const variants: Record<string, () => Promise<unknown>> = {
  c2: () => ingestEmailEvents(rows, { concurrency: 2 }),
  c2v: () => c2v(rows),
  c3v: () => c2v(rows, 5000, 3),
  pipe: () => pipelined(rows),
  copy: async () => { const v = ZEmailEventBatch.parse(rows); const t = performance.now(); await client.query("BEGIN"); await copyRows(client, "EmailEvent", R.EMAIL_EVENT_COLUMNS, v); const c = R.toChildRecords(v); await copyRows(client, "EmailUrlInfo", R.EMAIL_URL_COLUMNS, c.urls); await copyRows(client, "EmailAttachmentInfo", R.EMAIL_ATTACHMENT_COLUMNS, c.attachments); await client.query("COMMIT"); copyT.push(Math.round(performance.now() - t)); },
};
await ingestEmailEvents(rows.slice(0, 2000)); await reset();
const res: Record<string, number[]> = {};
for (let k = 0; k < 5; k++) for (const [n, f] of Object.entries(variants)) { await reset(); const t = performance.now(); await f(); (res[n] ??= []).push(Math.round(performance.now() - t)); }
for (const [n, v] of Object.entries(res)) console.log(n, v.sort((a, b) => a - b).join(" "));
console.log("copy only", copyT.sort((a, b) => a - b).join(" "));
await client.end(); const { disconnectPrisma } = await import("../src/server/db"); await disconnectPrisma(); await dropDatabase(url);
