import { describe, expect, it } from "vitest";
import { pendingExpiresAt, pendingReason } from "@/server/actions/pending-reason";

const OFF = { similarFiles: false, similarUrls: false, action: "softDelete" };
const ON = { similarFiles: true, similarUrls: true, action: "softDelete" };
const cluster = (kind: string, messageCount = 12) => ({ kind, messageCount });
const action = (
  type: string,
  cluster: { kind: string; messageCount: number } | null,
  source = "AutomatedInvestigation",
) => ({ type, source, cluster });

describe("pendingReason", () => {
  it.each([
    ["a manual action", action("softDelete", cluster("selection")), "Manual", OFF, "manual", null],
    ["an identity action", action("removeForwarding", null), undefined, ON, "identity", null],
    ["a block", action("blockUrl", null), undefined, ON, "block", null],
    ["an email action on no cluster", action("softDelete", null), undefined, ON, "noCluster", null],
    [
      "a hard delete",
      action("hardDelete", cluster("similarUrls")),
      undefined,
      ON,
      "actionNotAutomated",
      "/settings/automation",
    ],
    [
      "a cluster kind never automated",
      action("softDelete", cluster("sentByUser")),
      undefined,
      ON,
      "clusterKindNotAutomated",
      null,
    ],
    [
      "Similar files off",
      action("softDelete", cluster("similarFiles")),
      undefined,
      OFF,
      "settingOff",
      "/settings/automation",
    ],
    [
      "Similar URLs off",
      action("softDelete", cluster("similarUrls")),
      undefined,
      { ...OFF, similarFiles: true },
      "settingOff",
      "/settings/automation",
    ],
    [
      "a cluster over 10,000 messages",
      action("softDelete", cluster("similarUrls", 10_001)),
      undefined,
      ON,
      "clusterTooLarge",
      null,
    ],
    [
      "a switch turned on since",
      action("softDelete", cluster("similarFiles", 10_000)),
      undefined,
      ON,
      "enabledSince",
      "/settings/automation",
    ],
  ])("%s", (_, base, source, settings, code, href) => {
    const reason = pendingReason(source ? { ...base, source } : base, settings);
    expect(reason).toMatchObject({ code, href });
    expect(reason.text.length).toBeGreaterThan(0);
  });

  it("names the setting that is off", () => {
    expect(pendingReason(action("softDelete", cluster("similarFiles")), OFF).text).toBe(
      "Automation for Similar files is off",
    );
    expect(pendingReason(action("softDelete", cluster("similarUrls")), OFF).text).toBe(
      "Automation for Similar URLs is off",
    );
  });

  it("a switch that is off outranks the size: turning it on would still leave the big cluster waiting, but it is the first thing to change", () => {
    expect(pendingReason(action("softDelete", cluster("similarUrls", 50_000)), OFF).code).toBe("settingOff");
  });
});

describe("pendingExpiresAt", () => {
  it("adds the setting's days to the creation time", () => {
    expect(pendingExpiresAt(new Date("2026-12-01T10:00:00Z"), 7).toISOString()).toBe("2026-12-08T10:00:00.000Z");
  });
});
