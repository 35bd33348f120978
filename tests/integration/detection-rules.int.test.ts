// Custom detection rules end to end: a rule over EmailEvents on the 5-minute schedule raises one alert for a simulated
// campaign and starts a Manual run on its messages, once; a rule whose query starts failing is switched off with the
// reason; rules go out and come back as YAML; every change is audited and in the SIEM feed.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as listRoute, POST as createRoute } from "@/app/api/v1/detection-rules/route";
import {
  GET as getRoute,
  PATCH as patchRoute,
  PUT as putRoute,
  DELETE as deleteRoute,
} from "@/app/api/v1/detection-rules/[id]/route";
import { GET as exportRoute } from "@/app/api/v1/detection-rules/export/route";
import { POST as importRoute } from "@/app/api/v1/detection-rules/import/route";
import { bootstrap } from "@/server/bootstrap/bootstrap";
import { prisma } from "@/server/db";
import { runDueDetectionRules } from "@/server/detection-rules/run-due-rules";
import { DETECTION_CRON, DETECTION_QUEUE, getQueue, stopQueue } from "@/server/engine/queue";
import { takeDetectionTick } from "@/server/engine/worker";
import { simulateOrg } from "@/server/simulator/simulate-org";
import { sendPhishCampaign } from "@/server/simulator/simulate-phish-campaign";
import { apiRequest, makeToken, routeContext } from "../factories/users";

let operator: string;
let reader: string;

type TRoute = (request: Request, context: ReturnType<typeof routeContext>) => Promise<Response>;
const post = (path: string, route: TRoute, body: unknown, token = operator) =>
  route(apiRequest(path, { method: "POST", token, body }), routeContext());
const details = async (id: string) =>
  (await getRoute(apiRequest(`/api/v1/detection-rules/${id}`, { token: reader }), routeContext({ id }))).json();

const CAMPAIGN_RULE = {
  name: "Mail from a lookalike of our domain",
  description: "Inbound mail whose sender domain imitates contoso's.",
  query:
    'EmailEvents\n| where EmailDirection == "Inbound"\n| where SenderFromDomain startswith "contoso-" or SenderFromDomain startswith "c0ntoso"\n| project Timestamp, SenderFromAddress, NetworkMessageId, RecipientEmailAddress, Subject',
  severity: "High",
  category: "Initial access",
  frequency: "5m",
  lookBackMinutes: 120,
  entityColumns: ["SenderFromAddress", "NetworkMessageId", "RecipientEmailAddress"],
  action: "StartInvestigation",
};

beforeAll(async () => {
  await bootstrap({ adminEmail: "admin@test.test", adminPassword: "a-long-admin-password" });
  await simulateOrg({ seed: 3, mailboxes: 40, days: 1, now: new Date() });
  operator = await makeToken("operator");
  reader = await makeToken("reader");
}, 120_000);

afterAll(() => stopQueue());

describe("a rule over EmailEvents on the 5-minute schedule", () => {
  let ruleId: string;

  it("is created from a query through the API, and refused when its query does not return what it names", async () => {
    const missing = await post("/api/v1/detection-rules", createRoute, {
      ...CAMPAIGN_RULE,
      name: "No timestamp",
      query: "EmailEvents\n| project SenderFromAddress, NetworkMessageId, RecipientEmailAddress",
    });
    expect(missing.status).toBe(400);
    expect((await missing.json()).error.issues).toEqual([
      expect.objectContaining({ path: "body.query", message: expect.stringContaining("Timestamp") }),
    ]);
    const notAllowed = await post("/api/v1/detection-rules", createRoute, CAMPAIGN_RULE, reader);
    expect(notAllowed.status).toBe(403);
    const response = await post("/api/v1/detection-rules", createRoute, CAMPAIGN_RULE);
    expect(response.status).toBe(201);
    ruleId = (await response.json()).id;
  });

  it("is scheduled on the queue every 5 minutes, and a tick taken by a worker runs it", async () => {
    const boss = await getQueue();
    expect(await boss.getSchedules()).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: DETECTION_QUEUE, cron: DETECTION_CRON })]),
    );
    await sendPhishCampaign({ seed: 5, recipients: 30, now: new Date(Date.now() - 60_000) });
    await boss.send(DETECTION_QUEUE, {});
    expect(await takeDetectionTick(boss)).toBe(true);
    const { runs } = await details(ruleId);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ rowCount: 30, alertCount: 1, error: null });
  }, 60_000);

  it("raised one alert for the campaign that names the rule and starts a Manual run on the matched messages", async () => {
    const alerts = await prisma.alert.findMany({
      where: { detectionRuleId: ruleId },
      include: { investigation: true },
    });
    expect(alerts).toHaveLength(1);
    const [alert] = alerts;
    const campaign = await prisma.emailEvent.findMany({ where: { senderFromAddress: alert.title.split(": ")[1] } });
    expect(campaign).toHaveLength(30);
    expect(alert).toMatchObject({
      policyId: "custom-detection-rule",
      severity: "High",
      category: "Initial access",
      eventCount: 30,
      detectionSource: `Custom detection: ${CAMPAIGN_RULE.name}`,
    });
    expect(alert.details).toMatchObject({ ruleId, ruleName: CAMPAIGN_RULE.name, query: CAMPAIGN_RULE.query });
    expect(alert.investigation).toMatchObject({
      playbook: "Manual",
      detectionSource: `Custom detection: ${CAMPAIGN_RULE.name}`,
    });
    const selection = (alert.investigation!.input as { selection: { networkMessageIds: string[] } }).selection;
    expect([...selection.networkMessageIds].sort()).toEqual(campaign.map((row) => row.networkMessageId).sort());
    const feed = await prisma.activityRecord.findMany({ where: { contentType: "Alert" } });
    expect(
      feed.some(
        (record) => (record.payload as { Source?: string }).Source === `Custom detection: ${CAMPAIGN_RULE.name}`,
      ),
    ).toBe(true);
  });

  it("does not raise a second alert on its next run: it reads only the rows after its watermark", async () => {
    const next = new Date(Date.now() + 5 * 60_000);
    const results = await runDueDetectionRules(next);
    expect(results.map((result) => result.ruleId)).toContain(ruleId);
    expect(await prisma.alert.count({ where: { detectionRuleId: ruleId } })).toBe(1);
    expect(
      await prisma.investigation.count({ where: { detectionSource: `Custom detection: ${CAMPAIGN_RULE.name}` } }),
    ).toBe(1);
    const { runs, alerts } = await details(ruleId);
    expect(runs).toHaveLength(2);
    expect(runs[0]).toMatchObject({ rowCount: 0, alertCount: 0, error: null });
    expect(alerts).toHaveLength(1);
    // Not due again until its next 5 minutes have passed.
    expect((await runDueDetectionRules(next)).map((result) => result.ruleId)).not.toContain(ruleId);
  });

  it("re-validates an edit, and lists the rule with its last run and matches", async () => {
    const bad = await putRoute(
      apiRequest(`/api/v1/detection-rules/${ruleId}`, {
        method: "PUT",
        token: operator,
        body: { ...CAMPAIGN_RULE, entityColumns: ["NetworkMessageId", "SHA256"] },
      }),
      routeContext({ id: ruleId }),
    );
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.issues).toEqual([
      expect.objectContaining({ path: "body.entityColumns", message: expect.stringContaining("SHA256") }),
    ]);
    const list = await (
      await listRoute(apiRequest("/api/v1/detection-rules", { token: reader }), routeContext())
    ).json();
    expect(list.find((rule: { id: string }) => rule.id === ruleId)).toMatchObject({
      isEnabled: true,
      alertCount: 1,
      lastRun: { rowCount: 0, alertCount: 0 },
    });
    expect(
      await prisma.auditLog.count({
        where: { targetType: "detectionRule", targetId: ruleId, action: "detectionRule.create" },
      }),
    ).toBe(1);
  });
});

describe("rules as code", () => {
  it("round-trips a rule through YAML export and import", async () => {
    const created = await (
      await post("/api/v1/detection-rules", createRoute, {
        ...CAMPAIGN_RULE,
        name: "Round trip",
        action: "AlertOnly",
        description: "Two lines:\nand a colon: here",
      })
    ).json();
    const { files } = await (
      await exportRoute(apiRequest("/api/v1/detection-rules/export", { token: reader }), routeContext())
    ).json();
    const file = files.find((entry: { name: string }) => entry.name === "round-trip.yaml");
    expect(file.content).toContain("query: |");
    await deleteRoute(
      apiRequest(`/api/v1/detection-rules/${created.id}`, { method: "DELETE", token: operator }),
      routeContext({ id: created.id }),
    );
    const imported = await post("/api/v1/detection-rules/import", importRoute, { files: [file] });
    expect(imported.status).toBe(200);
    const [rule] = (await imported.json()).created;
    const fields = [
      "name",
      "description",
      "query",
      "severity",
      "category",
      "frequency",
      "lookBackMinutes",
      "entityColumns",
      "action",
      "isEnabled",
    ] as const;
    for (const field of fields) expect(rule[field]).toEqual(created[field]);
    // Importing the same file again updates the rule in place.
    const again = await (await post("/api/v1/detection-rules/import", importRoute, { files: [file] })).json();
    expect(again).toMatchObject({ created: [], updated: [expect.objectContaining({ id: rule.id })] });
  });

  it("exports one rule by id, and takes several rules back from one file of YAML documents", async () => {
    const exportOf = (query: string) =>
      exportRoute(apiRequest(`/api/v1/detection-rules/export${query}`, { token: reader }), routeContext());
    const created = await Promise.all(
      ["Documents one", "Documents two"].map(async (name) =>
        (await post("/api/v1/detection-rules", createRoute, { ...CAMPAIGN_RULE, name, action: "AlertOnly" })).json(),
      ),
    );
    const one = await exportOf(`?id=${created[0].id}`);
    expect(one.status).toBe(200);
    const { files } = await one.json();
    expect(files).toEqual([{ name: "documents-one.yaml", content: expect.stringContaining("name: Documents one") }]);
    expect((await exportOf(`?id=${randomUUID()}`)).status).toBe(404);
    expect((await exportOf("?id=not-a-uuid")).status).toBe(400);

    const second = (await (await exportOf(`?id=${created[1].id}`)).json()).files[0];
    const content = `${files[0].content}---\n${second.content.replace("severity: High", "severity: Low")}`;
    const imported = await post("/api/v1/detection-rules/import", importRoute, {
      files: [{ name: "all.yaml", content }],
    });
    expect(imported.status).toBe(200);
    const { updated } = await imported.json();
    expect(updated.map((rule: { name: string; severity: string }) => [rule.name, rule.severity])).toEqual([
      ["Documents one", "High"],
      ["Documents two", "Low"],
    ]);
    // A mistake in the second document names it, and the first document's change is not saved either.
    const [first, rest] = content.split("---\n");
    const broken = await post("/api/v1/detection-rules/import", importRoute, {
      files: [
        {
          name: "all.yaml",
          content: `${first.replace("severity: High", "severity: Low")}---\n${rest.replace("frequency: 5m", "frequency: 2m")}`,
        },
      ],
    });
    expect(broken.status).toBe(400);
    expect((await broken.json()).error.message).toContain("all.yaml (rule 2)");
    expect(await prisma.detectionRule.count({ where: { name: "Documents one", severity: "High" } })).toBe(1);
  });

  it("answers malformed YAML with a 400 naming the file and the line, and saves nothing", async () => {
    const before = await prisma.detectionRule.count();
    const content = "name: Broken\nseverity: High\nquery: |\n  EmailEvents\n entityColumns: [SHA256\n";
    const response = await post("/api/v1/detection-rules/import", importRoute, {
      files: [
        { name: "good.yaml", content: "name: x" },
        { name: "broken.yaml", content },
      ],
    });
    expect(response.status).toBe(400);
    const { error } = await response.json();
    expect(error.message).toMatch(/good\.yaml|broken\.yaml/);
    const second = await post("/api/v1/detection-rules/import", importRoute, {
      files: [{ name: "broken.yaml", content }],
    });
    const body = (await second.json()).error;
    expect(second.status).toBe(400);
    expect(body.message).toMatch(/broken\.yaml: line 5/);
    expect(body.issues).toEqual([
      expect.objectContaining({ path: "body.files[0].content", message: expect.stringMatching(/^line 5/) }),
    ]);
    const fieldWrong = await post("/api/v1/detection-rules/import", importRoute, {
      files: [{ name: "wrong.yaml", content: content.replace(" entityColumns: [SHA256\n", "frequency: 2m\n") }],
    });
    expect(fieldWrong.status).toBe(400);
    expect((await fieldWrong.json()).error.issues).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: "wrong.yaml.frequency" })]),
    );
    expect(await prisma.detectionRule.count()).toBe(before);
  });
});

describe("a rule whose query starts failing", () => {
  it("is switched off after three failures in a row, with the reason on its page, audited and in the SIEM feed", async () => {
    const created = await (
      await post("/api/v1/detection-rules", createRoute, {
        ...CAMPAIGN_RULE,
        name: "Uses the subject",
        action: "AlertOnly",
      })
    ).json();
    // The stored column under Subject goes away, as a schema change would take it: the saved query no longer runs.
    await prisma.$executeRawUnsafe(`ALTER TABLE "EmailEvent" RENAME COLUMN "subject" TO "subjectRemoved"`);
    try {
      let at = Date.now() + 60 * 60_000;
      for (let run = 0; run < 3; run++, at += 5 * 60_000) await runDueDetectionRules(new Date(at));
    } finally {
      await prisma.$executeRawUnsafe(`ALTER TABLE "EmailEvent" RENAME COLUMN "subjectRemoved" TO "subject"`);
    }
    const { rule, runs } = await details(created.id);
    expect(runs).toHaveLength(3);
    expect(runs.every((run: { error: string | null }) => run.error?.includes("subject"))).toBe(true);
    expect(rule).toMatchObject({
      isEnabled: false,
      consecutiveFailures: 3,
      disabledReason: expect.stringMatching(
        /^Auto-disabled: the query failed 3 times in a row\. Last error: .*subject/,
      ),
    });
    // Off means off: no run on the next tick.
    expect(
      (await runDueDetectionRules(new Date(Date.now() + 2 * 60 * 60_000))).map((result) => result.ruleId),
    ).not.toContain(created.id);
    expect(
      await prisma.auditLog.findFirst({ where: { targetId: created.id, action: "detectionRule.autoDisable" } }),
    ).toMatchObject({ actorName: "Automation" });
    const feed = await prisma.activityRecord.findMany({ where: { contentType: "DetectionRule" } });
    expect(feed.map((record) => record.payload as { Operation: string; ObjectId: string })).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ Operation: "detectionRule.create", ObjectId: created.id }),
        expect.objectContaining({ Operation: "detectionRule.autoDisable", ObjectId: created.id }),
      ]),
    );
    // Switching it back on clears the reason (the query runs again now that the column is back).
    const enabled = await patchRoute(
      apiRequest(`/api/v1/detection-rules/${created.id}`, {
        method: "PATCH",
        token: operator,
        body: { isEnabled: true },
      }),
      routeContext({ id: created.id }),
    );
    expect(await enabled.json()).toMatchObject({ isEnabled: true, disabledReason: null, consecutiveFailures: 0 });
  });
});
