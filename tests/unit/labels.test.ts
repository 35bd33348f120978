import { describe, expect, it } from "vitest";
import {
  actionCountsLabel,
  actionOutcomeLabel,
  actionTypeLabel,
  reversalLabel,
  humanize,
  INVESTIGATION_STATUS_LABELS,
  toOptions,
} from "@/lib/labels";

describe("labels", () => {
  it("turns stored keys into readable words, keeping acronyms", () => {
    expect(humanize("sentLastHour")).toBe("Sent last hour");
    expect(humanize("smtp_forwarding")).toBe("SMTP forwarding");
    expect(humanize("removeMFAMethod")).toBe("Remove MFA method");
    expect(humanize("attachmentSHA256")).toBe("Attachment SHA256");
    expect(humanize("ip")).toBe("IP");
    expect(humanize("")).toBe("");
  });

  it("names known action types as Defender does, and later ones readably", () => {
    expect(actionTypeLabel("moveToJunk")).toBe("Move to Junk");
    expect(actionTypeLabel("softDelete")).toBe("Soft delete email");
    expect(actionTypeLabel("blockSenderDomain")).toBe("Block sender domain");
  });

  it("has a readable label for every action type the engine creates", () => {
    const types = [
      "removeForwarding",
      "removeForwardingRule",
      "disableInboxRule",
      "revokeSessions",
      "resetPassword",
      "disableAccount",
      "removeMfaMethod",
      "revokeAppConsent",
      "removeAdminRole",
      "softDelete",
      "hardDelete",
      "moveToJunk",
      "moveToInbox",
      "moveToDeletedItems",
    ];
    const labels = types.map(actionTypeLabel);
    expect(labels).toContain("Remove forwarding rule");
    for (const label of labels) expect(label).toMatch(/^[A-Z][a-z]+( [A-Za-z]+)*$/);
    expect(new Set(labels).size).toBe(types.length);
  });

  it("counts an email action's copies as moved, already there and failed, never already-there copies as succeeded", () => {
    expect(actionCountsLabel({ type: "softDelete", successCount: 116, alreadyCount: 116, failedCount: 0 })).toBe(
      "0 moved, 116 already there",
    );
    expect(actionCountsLabel({ type: "moveToInbox", successCount: 1200, alreadyCount: 200, failedCount: 3 })).toBe(
      "1,000 moved, 200 already there, 3 failed",
    );
    expect(actionCountsLabel({ type: "softDelete", successCount: 0, alreadyCount: 0, failedCount: 0 })).toBe("");
    expect(actionCountsLabel({ type: "disableAccount", successCount: 1, alreadyCount: 1, failedCount: 0 })).toBe(
      "1 already done",
    );
    expect(actionCountsLabel({ type: "revokeSessions", successCount: 1, alreadyCount: 0, failedCount: 0 })).toBe(
      "1 succeeded",
    );
  });

  it("says who moved an action's messages back, and how many when only some", () => {
    expect(reversalLabel({ revertId: 14, copies: 5, ofCopies: 5, revert: { type: "moveToInbox" } })).toBe(
      "Reverted by #14 (Move to Inbox)",
    );
    expect(reversalLabel({ revertId: 15, copies: 3, ofCopies: 1200, revert: { type: "moveToJunk" } })).toBe(
      "Partially reverted by #15 (Move to Junk): 3 of 1,200 messages",
    );
  });

  it("states what a decided action did alongside its status", () => {
    expect(actionOutcomeLabel({ status: "PartiallyCompleted", successCount: 150, failedCount: 50 })).toBe(
      "Partially completed — 150 succeeded, 50 failed",
    );
    expect(actionOutcomeLabel({ status: "Completed", successCount: 1200, failedCount: 0 })).toBe(
      "Completed — 1,200 succeeded",
    );
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
