import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AlertClassification, AlertDetermination } from "@/generated/prisma/enums";
import { classificationText, isDeterminationOf } from "@/lib/alert-triage";
import { KEEP, NONE, triageBody } from "@/lib/alert-triage-form";
import { ZTriageAlertsBody, ZUpdateAlertBody } from "@/server/alerts/alerts.schemas";
import { nextTriageState, triageChanges, type TTriageState } from "@/server/alerts/triage-diff";

const NEW: TTriageState = {
  status: "New",
  assigneeId: null,
  assigneeName: null,
  classification: null,
  determination: null,
};
const CLASSIFICATIONS = Object.values(AlertClassification);
const DETERMINATIONS = Object.values(AlertDetermination);

describe("alert triage changes", () => {
  it("keeps the fields a request leaves out and names only what changed", () => {
    const after = nextTriageState(NEW, { assigneeId: "u1" }, "Ana");
    expect(after).toEqual({ ...NEW, assigneeId: "u1", assigneeName: "Ana" });
    expect(triageChanges(NEW, after)).toEqual({ assignedTo: { from: null, to: "Ana" } });
    expect(triageChanges(after, nextTriageState(after, { status: "New" }, null))).toEqual({});
  });

  it("gives a new classification its own determination, and clearing it clears both", () => {
    const classified = { ...NEW, classification: "TruePositive" as const, determination: "Phishing" as const };
    expect(nextTriageState(classified, { classification: "FalsePositive" }, null)).toMatchObject({
      classification: "FalsePositive",
      determination: null,
    });
    expect(nextTriageState(classified, { classification: null }, null)).toMatchObject({
      classification: null,
      determination: null,
    });
    expect(nextTriageState(classified, { status: "Resolved" }, null)).toMatchObject({
      classification: "TruePositive",
      determination: "Phishing",
    });
    expect(classificationText("TruePositive", "Phishing")).toBe("True positive: Phishing");
    expect(classificationText("InformationalExpectedActivity", null)).toBe("Informational, expected activity");
  });

  it("accepts a determination exactly when it belongs to the classification sent with it", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...CLASSIFICATIONS),
        fc.constantFrom(...DETERMINATIONS),
        (classification, determination) => {
          const parsed = ZUpdateAlertBody.safeParse({ classification, determination });
          expect(parsed.success).toBe(isDeterminationOf(classification, determination));
          if (!parsed.success) expect(parsed.error.issues[0].path).toEqual(["determination"]);
        },
      ),
    );
    // "Other" closes every list.
    for (const classification of CLASSIFICATIONS) expect(isDeterminationOf(classification, "Other")).toBe(true);
  });

  it("refuses a determination without its classification and a request that changes nothing", () => {
    expect(ZUpdateAlertBody.safeParse({ determination: "Malware" }).error?.issues[0].path).toEqual(["determination"]);
    expect(ZUpdateAlertBody.safeParse({ version: 2 }).success).toBe(false);
    expect(ZTriageAlertsBody.safeParse({ ids: [1] }).success).toBe(false);
    expect(ZTriageAlertsBody.safeParse({ ids: [1], assigneeId: null }).success).toBe(true);
  });
});

describe("the Manage alert form's request", () => {
  const initial = { status: "New", assigneeId: NONE, classification: NONE, determination: NONE };

  it("sends only what the analyst changed on one alert", () => {
    expect(triageBody(initial, initial)).toEqual({});
    expect(triageBody({ ...initial, assigneeId: "u1", status: "InProgress" }, initial)).toEqual({
      assigneeId: "u1",
      status: "InProgress",
    });
    expect(triageBody({ ...initial, classification: "TruePositive", determination: "Malware" }, initial)).toEqual({
      classification: "TruePositive",
      determination: "Malware",
    });
    const classified = { ...initial, classification: "TruePositive", determination: "Malware" };
    // A new determination alone re-sends its classification: the API takes them as one choice.
    expect(triageBody({ ...classified, determination: "Phishing" }, classified)).toEqual({
      classification: "TruePositive",
      determination: "Phishing",
    });
    expect(triageBody({ ...classified, classification: NONE, determination: NONE }, classified)).toEqual({
      classification: null,
    });
  });

  it("sends every field that is not Keep as is, in bulk", () => {
    const keep = { status: KEEP, assigneeId: KEEP, classification: KEEP, determination: KEEP };
    expect(triageBody(keep)).toEqual({});
    expect(triageBody({ ...keep, assigneeId: NONE })).toEqual({ assigneeId: null });
    expect(triageBody({ ...keep, classification: "FalsePositive", determination: NONE })).toEqual({
      classification: "FalsePositive",
    });
  });
});
