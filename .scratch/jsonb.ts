const { generateOrg } = await import("../src/server/simulator/org/generate-org");
const { ZEmailEventBatch } = await import("../src/server/ingestion/ingestion.schemas");
const R = await import("../src/server/ingestion/email-event-records");
const plan = generateOrg({ seed: 1, days: 10, mailboxes: 200, now: new Date("2025-01-01T00:00:00Z") });
let rows: any[] = [];
for (const { mail } of plan.days()) { rows = rows.concat(mail); if (rows.length >= 50000) break; }
const v = ZEmailEventBatch.parse(rows.slice(0, 50000));
const cols = R.EMAIL_EVENT_COLUMNS;
const a = () => { const values = new Array(cols.length); const lines = new Array(v.length); for (let i = 0; i < v.length; i++) { for (let c = 0; c < cols.length; c++) values[c] = cols[c].value(v[i]); lines[i] = JSON.stringify(values); } return `[${lines.join(",")}]`; };
const b = () => { const lines = new Array(v.length); for (let i = 0; i < v.length; i++) { lines[i] = JSON.stringify(cols.map((c) => c.value(v[i]))); } return `[${lines.join(",")}]`; };
const c = () => JSON.stringify(v.map((r) => cols.map((col) => col.value(r))));
const d = () => { let out = "["; for (let i = 0; i < v.length; i++) { out += i ? ",[" : "["; for (let k = 0; k < cols.length; k++) { const x = cols[k].value(v[i]); out += (k ? "," : "") + (typeof x === "string" ? JSON.stringify(x) : String(x)); } out += "]"; } return out + "]"; };
const valuesOnly = () => { let n = 0; for (let i = 0; i < v.length; i++) for (let k = 0; k < cols.length; k++) { const x = cols[k].value(v[i]); if (x) n++; } return n; };
for (let round = 0; round < 3; round++) for (const [name, f] of Object.entries({ a, b, c, d, valuesOnly })) { const t = performance.now(); f(); console.log(round, name, Math.round(performance.now() - t)); }
