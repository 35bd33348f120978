import { describe, expect, it } from "vitest";
import { prisma } from "@/server/db";
import { getHomeTrends } from "@/server/dashboard/get-home-trends";
import { hoursAgo, makeAction, makeInvestigation, makePolicyAlert } from "../factories/console";

const now = new Date("2026-06-15T12:00:00Z");
const at = (hours: number) => hoursAgo(hours, now.getTime());

describe("getHomeTrends", () => {
  it("counts alerts and investigations per UTC day by status, pending actions by age up to the expiry, the automation rate and the mean time to remediation", async () => {
    const remediatedRun = await makeInvestigation({ status: "Remediated", createdAt: at(50) });
    await makePolicyAlert({ status: "Resolved", createdAt: at(50), investigationId: remediatedRun.id });
    await makePolicyAlert({ status: "Resolved", createdAt: at(49), investigationId: remediatedRun.id });
    await makePolicyAlert({ status: "New", createdAt: at(1) });
    await makePolicyAlert({ status: "New", createdAt: at(24 * 40) }); // outside the 30 days
    await makeInvestigation({ status: "PendingAction", createdAt: at(1) });
    // First remediation of the run 2 h after its first alert (the second one is later and does not count).
    await makeAction({
      investigationId: remediatedRun.id,
      status: "Completed",
      decidedBy: "Automation",
      decidedAt: at(48),
      executedAt: at(48),
    });
    await makeAction({
      investigationId: remediatedRun.id,
      status: "Completed",
      decidedBy: "User",
      decidedAt: at(10),
      executedAt: at(10),
    });
    await makeAction({ status: "Rejected", decidedBy: "User", decidedAt: at(5) });
    await makeAction({ status: "Pending", createdAt: at(2) });
    await makeAction({ status: "Pending", createdAt: at(24 * 3 + 1) });
    await makeAction({ status: "Pending", createdAt: at(24 * 9) }); // past the expiry, not swept yet: the last bucket

    const trends = await getHomeTrends(now);

    expect(trends.alerts).toHaveLength(30);
    expect(trends.alerts.at(-1)).toMatchObject({
      day: new Date("2026-06-15T00:00:00Z"),
      New: 1,
      InProgress: 0,
      Resolved: 0,
    });
    expect(trends.alerts.at(-3)).toMatchObject({ day: new Date("2026-06-13T00:00:00Z"), Resolved: 2 });
    expect(trends.alerts.reduce((sum, day) => sum + day.New + day.InProgress + day.Resolved, 0)).toBe(3);
    expect(trends.investigations.at(-1)).toMatchObject({ pendingAction: 1, running: 0 });
    expect(trends.investigations.at(-3)).toMatchObject({ remediated: 1 });
    expect(trends.pendingExpiryDays).toBe(7);
    expect(trends.pendingByAge.map((bucket) => bucket.count)).toEqual([1, 0, 0, 1, 0, 0, 1]);
    expect(trends.decided).toEqual({ automated: 1, total: 3 });
    expect(trends.remediation).toEqual({ investigations: 1, meanSeconds: 2 * 3600 });
  });

  it("gives 30 empty days and no means on an empty tenant", async () => {
    await prisma.action.deleteMany();
    await prisma.alert.deleteMany();
    await prisma.investigation.deleteMany();
    const trends = await getHomeTrends(now);
    expect(
      trends.investigations.every(
        (day) => day.running + day.pendingAction + day.noThreats + day.remediated + day.other === 0,
      ),
    ).toBe(true);
    expect(trends.decided).toEqual({ automated: 0, total: 0 });
    expect(trends.remediation).toEqual({ investigations: 0, meanSeconds: null });
  });
});
