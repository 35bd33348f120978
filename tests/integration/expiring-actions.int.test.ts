import { describe, expect, it } from "vitest";
import { noticeExpiringActions } from "@/server/actions/expire-pending-actions";
import { prisma } from "@/server/db";
import { getAutomationSettings } from "@/server/settings/automation-settings.service";
import { hoursAgo, makeAction, makeInvestigation } from "../factories/console";

const notices = (id: number) => prisma.activityRecord.findMany({ where: { recordId: `action:${id}:expiring` } });

describe("noticeExpiringActions", () => {
  it("writes one ActionExpiringSoon record a day before a pending action expires, however often the tick runs", async () => {
    const { pendingExpiryDays } = await getAutomationSettings();
    const investigation = await makeInvestigation({ status: "PendingAction" });
    const on = { investigationId: investigation.id };
    const dueTomorrow = await makeAction({ ...on, createdAt: hoursAgo((pendingExpiryDays - 1) * 24 + 1) });
    const dueLater = await makeAction({ ...on, createdAt: hoursAgo((pendingExpiryDays - 1) * 24 - 1) });
    const decided = await makeAction({
      ...on,
      status: "Rejected",
      decidedAt: hoursAgo(1),
      createdAt: hoursAgo((pendingExpiryDays - 1) * 24 + 1),
    });

    await noticeExpiringActions();
    await Promise.all([noticeExpiringActions(), noticeExpiringActions()]);

    const [record, ...more] = await notices(dueTomorrow.id);
    expect(more).toEqual([]);
    expect(record).toMatchObject({
      contentType: "ActionDecision",
      payload: expect.objectContaining({
        Operation: "ActionExpiringSoon",
        RecordType: 89,
        ActionId: String(dueTomorrow.id),
        ActionStatus: "Pending",
        InvestigationId: String(investigation.id),
      }),
    });
    expect((await prisma.action.findUniqueOrThrow({ where: { id: dueTomorrow.id } })).expiryNoticeAt).not.toBeNull();
    expect(await notices(dueLater.id)).toEqual([]);
    expect(await notices(decided.id)).toEqual([]);
  });
});
