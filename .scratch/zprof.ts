import { z } from "zod";
const S = await import("../src/server/ingestion/ingestion.schemas");
const row = {
  timestamp: new Date().toISOString(), networkMessageId: "a087eaf3-00b3-49c9-8706-c4ebfb2627fd", internetMessageId: `<f7e79d2b47f6@contoso.test>`,
  senderFromAddress: "a.b@contoso.test", senderMailFromAddress: "a.b@contoso.test", senderDisplayName: "A B",
  senderIPv4: "203.0.113.5", recipientEmailAddress: `u1@contoso.test`, subject: "Hello",
  emailDirection: "Intra-org", deliveryAction: "Delivered", deliveryLocation: "Inbox/folder",
  threatTypes: [], detectionMethods: {},
  authenticationDetails: { spf: "pass", dkim: "pass", dmarc: "pass", compAuth: "pass" },
  emailSize: 1234, urls: [], attachments: [],
};
const time = (name: string, f: () => unknown, n = 20000) => { for (let i=0;i<2000;i++) f(); const t = performance.now(); for (let i = 0; i < n; i++) f(); console.log(name, ((performance.now() - t) * 1000 / n).toFixed(2), "µs"); };
time("full", () => S.ZEmailEventInput.parse(row));
time("email", () => S.ZEmailAddress.parse("a.b@contoso.test"));
time("email plain", () => z.email().parse("a.b@contoso.test"));
time("guid", () => S.ZGuid.parse("a087eaf3-00b3-49c9-8706-c4ebfb2627fd"));
time("ts", () => S.ZTimestamp.parse(row.timestamp));
time("auth", () => S.ZAuthenticationDetails.parse(row.authenticationDetails));
time("ipv4", () => z.ipv4().parse("203.0.113.5"));
time("prec", () => z.partialRecord(S.ZThreatType, z.array(z.string())).parse({}));
time("enum", () => S.ZThreatType.parse("Phish"));
const bare = z.strictObject({ a: z.string(), b: z.string(), c: z.number() });
time("bare obj", () => bare.parse({ a: "x", b: "y", c: 1 }));
time("batch/row", () => S.ZEmailEventBatch.parse([row,row,row,row,row,row,row,row,row,row]), 2000);
