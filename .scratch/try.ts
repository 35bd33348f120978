import { ensureDatabase, dropDatabase, withDatabaseName } from "../src/server/db/databases";
import { applyMigrations } from "../src/server/db/schema-engine";
import { createRandom } from "../src/lib/random";
const url = withDatabaseName("postgresql://postgres@127.0.0.1:5432/postgres", "bw_scratch");
await dropDatabase(url); await ensureDatabase(url); await applyMigrations(url);
process.env.DATABASE_URL = url;
const { ingestEmailEvents } = await import("../src/server/ingestion/ingest-email-events");
const r = createRandom(1);
const rows = Array.from({ length: 20000 }, (_, i) => ({
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
let t = performance.now();
console.log(await ingestEmailEvents(rows), performance.now() - t);
t = performance.now();
const again = await ingestEmailEvents(rows.slice(0, 10), { returnInserted: true });
console.log(again, performance.now() - t);
const { prisma, disconnectPrisma } = await import("../src/server/db");
console.log(await prisma.emailEvent.findFirst({ where: { threatTypes: { not: "" } } }));
console.log(await prisma.$queryRawUnsafe(`select count(*) from "EmailUrlInfo"`), await prisma.$queryRawUnsafe(`select count(*) from "EmailAttachmentInfo"`));
await disconnectPrisma(); await dropDatabase(url);
