import { beforeAll, describe, expect, it } from "vitest";
import { GET as volumeRoute } from "@/app/api/v1/explorer/volume/route";
import { prisma } from "@/server/db";
import { emailVolumeByDay } from "@/server/explorer/explorer.queries";
import { ZEmailVolumeQuery } from "@/server/explorer/explorer.schemas";
import { hoursAgo, insertEmails, sha256Of, type TInsertedEmail } from "../factories/email";
import { apiRequest, makeToken, routeContext } from "../factories/users";
import { copyToClickHouse, useEmbeddedClickHouse } from "../support/hunting-store";

// Threat Explorer's volume chart counted by ClickHouse (chDB, over the replicator's copy) and by PostgreSQL over the
// same mail: the charts must be identical for every filter, and a filter on a table the replica lacks stays on
// PostgreSQL.

useEmbeddedClickHouse();
const DAY_MS = 86_400_000;
// With milliseconds, so the window's edges fall right only if both stores keep them.
const now = new Date(Math.floor(Date.now() / 1000) * 1000 + 345);
const MONTH_AGO = new Date(now.getTime() - 30 * DAY_MS);
const MIDNIGHT = new Date((Math.floor(now.getTime() / DAY_MS) - 4) * DAY_MS);
const EVIL_SHA = sha256Of("invoice.docm");
let token: string;
let phish: TInsertedEmail;

const senders = [
  "alerts@login.evil.example",
  "billing@evil.example",
  "news@notevil.example",
  "deals@spam.example",
  "alice@breakwater.test",
];
const subjects = ["Invoice 2024", "INVOICE overdue", "Budget: 50% spent", "a_b test", "Weekly report", "Re: lunch?"];
const threats = [[], [], ["Phish"], ["Spam"], ["Malware", "Phish"], ["Phish", "Spam"], [], ["Malware"]];
const locations = ["Inbox/folder", "Junk folder", "Quarantine", "Deleted items"];
const urlHosts = ["login.evil.example", "cdn.example.net", "evil.example", "login.evil.example"];

beforeAll(async () => {
  token = await makeToken("reader");
  [phish] = await insertEmails([
    {
      timestamp: hoursAgo(2, now),
      sender: "alerts@login.evil.example",
      senderIPv4: "203.0.113.66",
      recipients: ["alice@breakwater.test", "bob@breakwater.test"],
      subject: "Reset your password now",
      threatTypes: ["Phish"],
      latestDeliveryLocation: "Deleted items",
      additionalActions: ["Automated remediation: automated", "Soft delete: approved"],
      urls: ["https://login.evil.example/reset"],
      attachments: [{ fileName: "invoice.docm", sha256: EVIL_SHA, threatTypes: ["Malware"] }],
    },
    // On the window's edges: the first instant is in it, the last is not.
    { timestamp: MONTH_AGO, subject: "Edge: first instant" },
    { timestamp: now, subject: "Edge: now" },
    { timestamp: MIDNIGHT, subject: "Midnight" },
    ...Array.from({ length: 160 }, (_, index) => ({
      timestamp: new Date(now.getTime() - (1 + index * 4.5) * 3_600_000 - index * 7),
      sender: senders[index % senders.length],
      senderIPv4: index % 9 === 0 ? null : `198.51.100.${index % 4}`,
      recipients: [`user${index % 6}@breakwater.test`, ...(index % 5 === 0 ? ["carol@sub.breakwater.test"] : [])],
      subject: subjects[index % subjects.length],
      direction: (["Inbound", "Inbound", "Outbound", "Intra-org"] as const)[index % 4],
      deliveryAction: (["Delivered", "Junked", "Blocked", "Delivered", "Replaced"] as const)[index % 5],
      latestDeliveryLocation: locations[index % locations.length],
      threatTypes: threats[index % threats.length],
      additionalActions: index % 7 === 0 ? ["Moved to junk folder: reverted"] : [],
      urls: index % 3 === 0 ? [`https://${urlHosts[index % urlHosts.length]}/p/${index}`] : [],
      attachments: index % 11 === 0 ? [{ fileName: "invoice.docm", sha256: EVIL_SHA }] : [],
    })),
  ]);
  await copyToClickHouse();
}, 180_000);

const FILTERS = [
  "",
  "range=30d",
  "range=24h&interval=hour",
  `from=${hoursAgo(100, now).toISOString()}&to=${hoursAgo(3, now).toISOString()}&interval=hour`,
  "range=30d&direction=Inbound,Intra-org",
  "range=30d&threat=Phish",
  "range=30d&threat=Malware,Spam",
  "range=30d&threat=None",
  "range=30d&threat=any",
  "range=30d&senderDomain=evil.example",
  "range=30d&sender=evil.example",
  "range=30d&sender=@login.evil.example",
  "range=30d&sender=alerts@login.evil.example",
  "range=30d&recipient=breakwater.test",
  "range=30d&recipient=user3@breakwater.test",
  "range=30d&urlDomain=login.evil.example",
  "range=7d&urlDomain=evil.example",
  "range=30d&location=Quarantine,Junk folder",
  "range=30d&subject=invoice",
  "range=30d&subject=50%",
  "range=30d&subject=a_b",
  "range=30d&senderIp=203.0.113.66",
  `range=30d&sha256=${EVIL_SHA}`,
  "range=30d&additionalAction=automated remediation",
  "range=30d&additionalAction=reverted",
  "range=30d&deliveryAction=Blocked,Junked",
  "range=30d&view=phish",
  "range=30d&view=malware&direction=Inbound",
  "range=30d&direction=Inbound&threat=Phish,Spam&senderDomain=evil.example&location=Junk folder,Inbox/folder&subject=INVOICE",
  "range=30d&urlDomain=login.evil.example&threat=any&recipient=breakwater.test&interval=day",
];

const parse = (params: string) => ZEmailVolumeQuery.parse(Object.fromEntries(new URLSearchParams(params)));

async function bothStores(params: string) {
  const query = parse(params);
  const onPostgres = await emailVolumeByDay(query, { now, store: "postgres" });
  const onClickHouse = await emailVolumeByDay(query, { now, store: "clickhouse" });
  return { onPostgres, onClickHouse };
}

async function expectSameCharts(): Promise<number> {
  let withMail = 0;
  for (const params of FILTERS) {
    const { onPostgres, onClickHouse } = await bothStores(params);
    expect(onPostgres.store, params).toBe("postgres");
    expect(onClickHouse.store, params).toBe("clickhouse");
    expect({ ...onClickHouse, store: "either" }, params).toEqual({ ...onPostgres, store: "either" });
    if (onPostgres.totals.total > 0) withMail++;
  }
  return withMail;
}

describe("the volume chart on ClickHouse and on PostgreSQL", () => {
  it("is the same for every filter and window", async () => {
    // Every filter finds mail: the charts compared are not of zeros.
    expect(await expectSameCharts()).toBe(FILTERS.length);
    const { onPostgres } = await bothStores("range=30d");
    // The first instant of the window counts, the end (now) does not.
    expect(onPostgres.totals.total).toBe(2 + 1 + 1 + 160 + 32);
  });

  it("stays the same after rows change and go (the replica's newest version of each row, deletions left out)", async () => {
    await prisma.emailEvent.updateMany({
      where: { networkMessageId: phish.networkMessageId },
      data: { latestDeliveryLocation: "Quarantine", threatTypes: "Malware, Phish" },
    });
    await prisma.emailEvent.deleteMany({ where: { subject: "Midnight" } });
    await copyToClickHouse();
    await expectSameCharts();
    // Only the changed message's two copies are malware in Quarantine.
    expect((await bothStores("range=30d&location=Quarantine&threat=Malware")).onClickHouse.totals.Malware).toBe(2);
  });

  it("is counted by ClickHouse through the route, and by PostgreSQL for the Submissions view, which the replica lacks", async () => {
    const volume = async (params: string) => {
      const response = await volumeRoute(apiRequest(`/api/v1/explorer/volume?${params}`, { token }), routeContext());
      expect(response.status, params).toBe(200);
      return response.json();
    };
    expect((await volume("range=30d")).store).toBe("clickhouse");
    await prisma.submission.create({
      data: {
        reporter: "Bob@breakwater.test",
        source: "networkMessageId",
        networkMessageId: phish.networkMessageId,
        subject: "Reset your password now",
        sender: "alerts@login.evil.example",
      },
    });
    const submissions = await volume("view=submissions");
    expect(submissions.store).toBe("postgres");
    expect(submissions.totals.total).toBe(1);
    // Asked for ClickHouse, the chart still comes from PostgreSQL: the filter decides.
    const { onClickHouse, onPostgres } = await bothStores("view=submissions&range=30d");
    expect(onClickHouse).toEqual(onPostgres);
    expect(onClickHouse.store).toBe("postgres");
  });
});
