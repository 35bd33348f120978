import { generateOrg } from "../src/server/simulator/org/generate-org";
import { ZEmailEventBatch } from "../src/server/ingestion/ingestion.schemas";
import { toJsonRows } from "../src/server/ingestion/columnar-insert";
import { EMAIL_EVENT_COLUMNS, EMAIL_URL_COLUMNS, EMAIL_ATTACHMENT_COLUMNS, toChildRecords } from "../src/server/ingestion/email-event-records";
const plan = generateOrg({ seed: 1, days: 30, mailboxes: 200, now: new Date("2025-01-01T00:00:00Z") });
let rows: any[] = [];
for (const { mail } of plan.days()) { rows = rows.concat(mail); if (rows.length >= 100000) break; }
rows = rows.slice(0, 100000);
for (let k = 0; k < 3; k++) {
  let t = performance.now();
  const v = ZEmailEventBatch.parse(rows);
  const parse = performance.now() - t; t = performance.now();
  const c = toChildRecords(v);
  const child = performance.now() - t; t = performance.now();
  toJsonRows(v, EMAIL_EVENT_COLUMNS); toJsonRows(c.urls, EMAIL_URL_COLUMNS); toJsonRows(c.attachments, EMAIL_ATTACHMENT_COLUMNS);
  const json = performance.now() - t;
  console.log({ parse: Math.round(parse), child: Math.round(child), json: Math.round(json) });
}
