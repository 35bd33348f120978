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
const { copyRows } = await import("../src/server/bench/copy-rows");
const { prisma } = await import("../src/server/db");
const plan = generateOrg({ seed: 1, days: 30, mailboxes: 200, now: new Date("2025-01-01T00:00:00Z") });
let rows: any[] = [];
for (const { mail } of plan.days()) { rows = rows.concat(mail); if (rows.length >= 100000) break; }
rows = ZEmailEventBatch.parse(rows.slice(0, 100000));
const IE = jsonRowsInsertSql("EmailEvent", R.EMAIL_EVENT_COLUMNS, { conflictTarget: ["networkMessageId", "recipientEmailAddress"] });
const IU = jsonRowsInsertSql("EmailUrlInfo", R.EMAIL_URL_COLUMNS, { conflictTarget: ["networkMessageId", "url"] });
const IA = jsonRowsInsertSql("EmailAttachmentInfo", R.EMAIL_ATTACHMENT_COLUMNS, { conflictTarget: ["networkMessageId", "recipientEmailAddress", "sha256"] });
const J = (q: string) => q.replace("jsonb_array_elements($1::jsonb)", "json_array_elements($1::json)");
const batches: [string, string, string][] = [];
for (let s = 0; s < rows.length; s += 5000) { const b = rows.slice(s, s + 5000); const c = R.toChildRecords(b); batches.push([toJsonRows(b, R.EMAIL_EVENT_COLUMNS), toJsonRows(c.urls, R.EMAIL_URL_COLUMNS), toJsonRows(c.attachments, R.EMAIL_ATTACHMENT_COLUMNS)]); }
const client = new pg.Client({ connectionString: url }); await client.connect();
const reset = async () => { await client.query(`truncate "EmailEvent", "EmailUrlInfo", "EmailAttachmentInfo"`); await client.query("checkpoint"); };
const variants: Record<string, () => Promise<unknown>> = {
  pgSeq: async () => { for (const [e, u, a] of batches) { await client.query("BEGIN"); await client.query(IE, [e]); await client.query(IU, [u]); await client.query(IA, [a]); await client.query("COMMIT"); } },
  pgSeqJson: async () => { for (const [e, u, a] of batches) { await client.query("BEGIN"); await client.query(J(IE), [e]); await client.query(J(IU), [u]); await client.query(J(IA), [a]); await client.query("COMMIT"); } },
  prismaSeq: async () => { for (const [e, u, a] of batches) await prisma.$transaction(async (tx) => { await tx.$executeRawUnsafe(IE, e); await tx.$executeRawUnsafe(IU, u); await tx.$executeRawUnsafe(IA, a); }); },
  copy: async () => { await client.query("BEGIN"); await copyRows(client, "EmailEvent", R.EMAIL_EVENT_COLUMNS, rows); const c = R.toChildRecords(rows); await copyRows(client, "EmailUrlInfo", R.EMAIL_URL_COLUMNS, c.urls); await copyRows(client, "EmailAttachmentInfo", R.EMAIL_ATTACHMENT_COLUMNS, c.attachments); await client.query("COMMIT"); },
};
const res: Record<string, number[]> = {};
for (let k = 0; k < 3; k++) for (const [n, f] of Object.entries(variants)) { await reset(); const t = performance.now(); await f(); (res[n] ??= []).push(Math.round(performance.now() - t)); }
for (const [n, v] of Object.entries(res)) console.log(n, v.join(" "));
await client.end(); const { disconnectPrisma } = await import("../src/server/db"); await disconnectPrisma(); await dropDatabase(url);
