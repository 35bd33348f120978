import { describe, expect, it } from "vitest";
import { summariseDecisions, type TDecisionResult } from "@/lib/decision-outcome";

const decided = (id: number, status: TDecisionResult["status"] = "Completed"): TDecisionResult => ({
  id,
  status,
  isNewDecision: true,
  decidedByName: "Ada Analyst",
  error: null,
});
const conflict = (id: number, status: TDecisionResult["status"], decidedByName: string | null): TDecisionResult => ({
  id,
  status,
  decidedByName,
  isNewDecision: false,
  error: { code: "CONFLICT", message: `Action ${id} is already ${status?.toLowerCase()}` },
});

describe("summariseDecisions", () => {
  it("counts what was decided and who had decided the rest first", () => {
    const outcome = summariseDecisions("approve", [
      decided(1),
      decided(2),
      decided(3),
      conflict(4, "Rejected", "Olga Operator"),
    ]);
    expect(outcome).toEqual({ message: "3 approved; 1 already rejected by Olga Operator", isClean: false });
  });

  it("is clean when everything was decided and ran", () => {
    expect(summariseDecisions("reject", [decided(1, "Rejected"), decided(2, "Rejected")])).toEqual({
      message: "2 rejected",
      isClean: true,
    });
    expect(summariseDecisions("approve", [decided(1)])).toEqual({ message: "1 approved", isClean: true });
  });

  it("says when an approved action did not fully succeed", () => {
    const outcome = summariseDecisions("approve", [decided(1, "PartiallyCompleted"), decided(2, "Failed"), decided(3)]);
    expect(outcome).toEqual({ message: "3 approved (1 partially completed, 1 failed)", isClean: false });
  });

  it("groups earlier decisions, the same way or otherwise, and expiry", () => {
    const same: TDecisionResult = {
      id: 5,
      status: "Completed",
      isNewDecision: false,
      decidedByName: "Olga Operator",
      error: null,
    };
    const outcome = summariseDecisions("approve", [
      same,
      conflict(6, "Expired", "System (expired)"),
      conflict(7, "Expired", null),
    ]);
    expect(outcome.message).toBe("1 already approved by Olga Operator; 2 already expired");
  });

  it("reports other failures with the server's message", () => {
    const missing: TDecisionResult = {
      id: 9,
      status: null,
      isNewDecision: false,
      decidedByName: null,
      error: { code: "NOT_FOUND", message: "Action 9 was not found" },
    };
    expect(summariseDecisions("reject", [decided(1, "Rejected"), missing]).message).toBe(
      "1 rejected; 1 could not be decided: Action 9 was not found",
    );
  });

  it("says which approvals wait for a second person, and why the first approver's second one was refused", () => {
    const firstApprover: TDecisionResult = {
      ...conflict(3, "Pending", null),
      error: {
        code: "CONFLICT",
        message: "Action 3 needs a second approval by someone other than Ada Analyst, who approved it first",
      },
    };
    const outcome = summariseDecisions("approve", [decided(1), decided(2, "Pending"), firstApprover]);
    expect(outcome).toEqual({
      message:
        "1 approved; 1 awaiting second approval by someone else; 1 could not be decided: Action 3 needs a second approval by someone other than Ada Analyst, who approved it first",
      isClean: false,
    });
  });
});
