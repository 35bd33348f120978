import { z } from "zod";
const { generateOrg } = await import("../src/server/simulator/org/generate-org");
const S = await import("../src/server/ingestion/ingestion.schemas");
const plan = generateOrg({ seed: 1, days: 10, mailboxes: 200, now: new Date("2025-01-01T00:00:00Z") });
let rows: any[] = [];
for (const { mail } of plan.days()) { rows = rows.concat(mail); if (rows.length >= 30000) break; }
rows = rows.slice(0, 30000);
const time = (name: string, s: z.ZodType) => { for (const r of rows.slice(0, 2000)) s.parse(r); const t = performance.now(); for (const r of rows) s.parse(r); console.log(name, ((performance.now() - t) * 1000 / rows.length).toFixed(2), "µs/row"); };
time("full", S.ZEmailEventInput);
const shape = S.ZEmailEventInput.shape;
time("nonstrict", z.object(shape));
time("no urls/att", z.object(S.ZEmailEventInput.omit({ urls: true, attachments: true }).shape));
time("no auth/dm/tt", z.object(S.ZEmailEventInput.omit({ authenticationDetails: true, detectionMethods: true, threatTypes: true }).shape));
time("no emails", z.object(S.ZEmailEventInput.omit({ senderFromAddress: true, senderMailFromAddress: true, recipientEmailAddress: true }).shape));
time("no ts/guid/imid", z.object(S.ZEmailEventInput.omit({ timestamp: true, networkMessageId: true, internetMessageId: true }).shape));
time("no text", z.object(S.ZEmailEventInput.omit({ subject: true, senderDisplayName: true }).shape));
time("no enums", z.object(S.ZEmailEventInput.omit({ emailDirection: true, deliveryAction: true, deliveryLocation: true }).shape));
