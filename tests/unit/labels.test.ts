import { describe, expect, it } from "vitest";
import { actionTypeLabel, humanize, INVESTIGATION_STATUS_LABELS, toOptions } from "@/lib/labels";

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
    expect(actionTypeLabel("softDelete")).toBe("Soft delete");
    expect(actionTypeLabel("blockSenderDomain")).toBe("Block sender domain");
  });

  it("keeps Defender's status words and the record order for filters", () => {
    expect(INVESTIGATION_STATUS_LABELS.TerminatedBySystem).toBe("Terminated by system");
    expect(toOptions({ b: "B", a: "A" })).toEqual([
      { value: "b", label: "B" },
      { value: "a", label: "A" },
    ]);
  });
});
