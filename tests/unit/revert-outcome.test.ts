import { describe, expect, it } from "vitest";
import { summariseRevert } from "@/lib/revert-outcome";

describe("summariseRevert", () => {
  it("says how many moved, and is clean when none failed", () => {
    expect(summariseRevert("inbox", { succeeded: 312, failed: 0, alreadyInDestination: 0, failures: {} })).toEqual({
      message: "Moved 312 messages to Inbox",
      isClean: true,
    });
    expect(summariseRevert("junk", { succeeded: 1, failed: 0, alreadyInDestination: 4, failures: {} })).toEqual({
      message: "Moved 1 message to Junk; 4 already there",
      isClean: true,
    });
  });

  it("gives the reason for failures, with counts when there are several reasons", () => {
    const outside = "Recipient outside the organisation";
    expect(
      summariseRevert("inbox", { succeeded: 1200, failed: 3, alreadyInDestination: 0, failures: { [outside]: 3 } }),
    ).toEqual({
      message: `Moved 1,200 messages to Inbox; 3 failed: ${outside}`,
      isClean: false,
    });
    expect(
      summariseRevert("inbox", {
        succeeded: 0,
        failed: 5,
        alreadyInDestination: 0,
        failures: { [outside]: 3, "Retention passed": 2 },
      }).message,
    ).toBe(`Moved 0 messages to Inbox; 5 failed: ${outside} (3); Retention passed (2)`);
  });
});
