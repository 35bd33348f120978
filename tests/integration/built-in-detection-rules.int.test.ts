// The detection rules Breakwater ships: each stays quiet on the demo organisation's clean mail, and fires on a
// simulated phishing campaign with the entity it is about.
import { beforeAll, describe, expect, it } from "vitest";
import { bootstrap } from "@/server/bootstrap/bootstrap";
import { prisma } from "@/server/db";
import { BUILT_IN_RULE_FILES, builtInRules } from "@/server/detection-rules/built-in-rules";
import { runDetectionRule } from "@/server/detection-rules/run-detection-rule";
import { simulateOrg } from "@/server/simulator/simulate-org";
import { sendPhishCampaign } from "@/server/simulator/simulate-phish-campaign";

type TPlan = Awaited<ReturnType<typeof sendPhishCampaign>>["plan"];
let plan: TPlan;

const [FIRST_TIME_SENDER, MALWARE_HASH, MALICIOUS_CLICK] = builtInRules().map((rule) => rule.name);
const ruleNamed = (name: string) => prisma.detectionRule.findUniqueOrThrow({ where: { name } });

beforeAll(async () => {
  await bootstrap({ adminEmail: "admin@test.test", adminPassword: "a-long-admin-password" });
  await simulateOrg({ seed: 4, mailboxes: 60, days: 3, now: new Date() });
}, 180_000);

describe("the built-in detection rules", () => {
  it("are installed from their YAML, switched off, one per file", async () => {
    const rules = await prisma.detectionRule.findMany({ where: { isBuiltIn: true } });
    expect(rules.map((rule) => rule.name).sort()).toEqual(
      builtInRules()
        .map((rule) => rule.name)
        .sort(),
    );
    expect(rules).toHaveLength(BUILT_IN_RULE_FILES.length);
    expect(rules.every((rule) => !rule.isEnabled && rule.frequency === "FiveMinutes")).toBe(true);
  });

  it("stay quiet on the demo organisation's clean mail", async () => {
    // The demo's mail follows its people's working hours (none at the weekend, little at night), so "the last hour"
    // may hold none: the rules run at the end of its busiest hour instead, as if it were now.
    const [busiest] = await prisma.$queryRaw<{ hour: Date; count: number }[]>`
      select date_trunc('hour', "timestamp") as hour, count(*)::int as count from "EmailEvent"
      where "timestamp" <= now() group by 1 order by 2 desc, 1 desc limit 1`;
    expect(busiest.count).toBeGreaterThan(20);
    const at = new Date(busiest.hour.getTime() + 3_600_000);
    for (const rule of await prisma.detectionRule.findMany({ where: { isBuiltIn: true } })) {
      const result = await runDetectionRule(rule, at);
      expect({ rule: rule.name, error: result.error, rows: result.rowCount, alerts: result.alertCount }).toEqual({
        rule: rule.name,
        error: null,
        rows: 0,
        alerts: 0,
      });
    }
  }, 60_000);

  describe("on a phishing campaign", () => {
    beforeAll(async () => {
      ({ plan } = await sendPhishCampaign({ seed: 6, recipients: 40, now: new Date() }));
      // As a rule switched on now would: from its look-back, not from the quiet run's watermark.
      await prisma.detectionRule.updateMany({ where: { isBuiltIn: true }, data: { watermark: null } });
    }, 60_000);

    const fire = async (name: string) => {
      const result = await runDetectionRule(await ruleNamed(name), new Date(Date.now() + 1_000));
      expect(result.error).toBeNull();
      return prisma.alert.findMany({ where: { detectionRule: { name } }, orderBy: { id: "asc" } });
    };

    it(`${FIRST_TIME_SENDER}: one alert on the campaign's sender`, async () => {
      const alerts = await fire(FIRST_TIME_SENDER);
      expect(alerts.map((alert) => alert.title)).toEqual([`${FIRST_TIME_SENDER}: ${plan.sender.address}`]);
      expect(alerts[0].eventCount).toBe(40);
    });

    it(`${MALWARE_HASH}: one alert on the file's hash, counting the copies that got through`, async () => {
      const missed = plan.copies.filter((copy) =>
        copy.attachments?.some(
          (file) => file.sha256 === plan.attachment.sha256 && !file.threatTypes?.includes("Malware"),
        ),
      );
      expect(missed.length).toBeGreaterThan(0);
      const alerts = await fire(MALWARE_HASH);
      expect(alerts.map((alert) => alert.title)).toEqual([`${MALWARE_HASH}: ${plan.attachment.sha256}`]);
      expect(alerts[0].eventCount).toBe(missed.length);
    });

    it(`${MALICIOUS_CLICK}: one alert per account that clicked through`, async () => {
      const clickers = [
        ...new Set(
          plan.clicks
            .filter((click) => click.isClickedThrough && click.actionType === "ClickAllowed")
            .map((click) => click.accountUpn),
        ),
      ];
      expect(clickers.length).toBeGreaterThan(0);
      const alerts = await fire(MALICIOUS_CLICK);
      expect(alerts.map((alert) => alert.title).sort()).toEqual(
        clickers.map((account) => `${MALICIOUS_CLICK}: ${account}`).sort(),
      );
      expect(alerts.every((alert) => alert.userAddress !== null)).toBe(true);
    });
  });
});
