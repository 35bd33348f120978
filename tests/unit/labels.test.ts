import { describe, expect, it } from "vitest";
import { actionOutcomeLabel, actionTypeLabel, humanize, INVESTIGATION_STATUS_LABELS, toOptions } from "@/lib/labels";

describe("labels", () => {
  it("turns stored keys into readable words, keeping acronyms", () => {
    expect(humanize("sentLastHour")).toBe("Sent last hour");
    expect(humanize("smtp_forwarding")).toBe("Smtp forwarding");
    expect(humanize("removeMFAMethod")).toBe("Remove MFA method");
    expect(humanize("attachmentSHA256")).toBe("Attachment SHA256");
    expect(humanize("ip")).toBe("Ip");
    expect(humanize("")).toBe("");
  });

  it("names known action types as Defender does, and later ones readably", () => {
    expect(actionTypeLabel("moveToJunk")).toBe("Move to Junk");
    expect(actionTypeLabel("softDelete")).toBe("Soft delete email");
    expect(actionTypeLabel("blockSenderDomain")).toBe("Block sender domain");
  });

  it("has a readable label for every action type the engine creates", () => {
    const types = ["removeForwarding", "removeForwardingRule", "disableInboxRule", "revokeSessions", "resetPassword", "disableAccount", "removeMfaMethod", "revokeAppConsent", "removeAdminRole", "softDelete", "hardDelete", "moveToJunk", "moveToInbox", "moveToDeletedItems"];
    const labels = types.map(actionTypeLabel);
    expect(labels).toContain("Remove forwarding rule");
    for (const label of labels) expect(label).toMatch(/^[A-Z][a-z]+( [A-Za-z]+)*$/);
    expect(new Set(labels).size).toBe(types.length);
  });

  it("states what a decided action did alongside its status", () => {
    expect(actionOutcomeLabel({ status: "PartiallyCompleted", successCount: 150, failedCount: 50 })).toBe("Partially completed — 150 succeeded, 50 failed");
    expect(actionOutcomeLabel({ status: "Completed", successCount: 1200, failedCount: 0 })).toBe("Completed — 1,200 succeeded");
    expect(actionOutcomeLabel({ status: "Rejected", successCount: 0, failedCount: 0 })).toBe("Rejected");
  });

  it("keeps Defender's status words and the record order for filters", () => {
    expect(INVESTIGATION_STATUS_LABELS.TerminatedBySystem).toBe("Terminated by system");
    expect(toOptions({ b: "B", a: "A" })).toEqual([
      { value: "b", label: "B" },
      { value: "a", label: "A" },
    ]);
  });
});
