import { generateOrg } from "../src/server/simulator/org/generate-org";
const t = performance.now();
const plan = generateOrg({ seed: Number(process.argv[2] ?? 1), days: 30, mailboxes: 200, now: new Date("2025-06-01T00:00:00Z") });
let rows = 0, msgs = new Map<string, { urls: number; att: number; dir: string }>(), signIns = 0, perDay: number[] = [];
const hours = new Array(24).fill(0);
for (const d of plan.days()) {
  rows += d.mail.length; signIns += d.signIns.length; perDay.push(d.mail.length);
  for (const r of d.mail) { msgs.set(r.networkMessageId, { urls: r.urls?.length ?? 0, att: r.attachments?.length ?? 0, dir: r.emailDirection }); hours[new Date(r.timestamp).getUTCHours()]++; }
}
const m = [...msgs.values()];
console.log({ ms: Math.round(performance.now() - t), rows, messages: m.length, withUrls: (m.filter(x => x.urls).length / m.length).toFixed(3), withAtt: (m.filter(x => x.att).length / m.length).toFixed(3), signIns, config: plan.config.length });
console.log(perDay.join(" "));
console.log(hours.join(" "));
