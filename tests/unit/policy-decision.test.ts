import { describe, expect, it } from "vitest";
import { crossedLimits, DEFAULT_LIMITS, sendingLimitsOf } from "@/server/detection/sending-rules";
import {
  acceptedRecipients,
  countedSender,
  decideSender,
  POLICY_ANSWERS,
} from "@/server/mail-system/policy/policy-decision";

const request = (attributes: Record<string, string>) => new Map(Object.entries(attributes));
const view = (overrides: Partial<Parameters<typeof decideSender>[1]> = {}) => ({
  restricted: new Set(["mallory@contoso.test"]),
  blocked: new Set(["phisher@evil.test"]),
  isFresh: true,
  isFailOpen: true,
  ...overrides,
});

describe("decideSender", () => {
  it("refuses a restricted MAIL FROM whatever its case, and a blocked sender; has no opinion on others", () => {
    expect(decideSender(request({ sender: "Mallory@Contoso.TEST" }), view())).toBe(POLICY_ANSWERS.restricted);
    expect(decideSender(request({ sender: "phisher@evil.test" }), view())).toBe(POLICY_ANSWERS.blocked);
    expect(decideSender(request({ sender: "alice@contoso.test" }), view())).toBe(POLICY_ANSWERS.noOpinion);
    expect(decideSender(request({ sender: "" }), view())).toBe(POLICY_ANSWERS.noOpinion);
  });

  it("refuses a restricted sender after DATA with a policy status, which Postfix keeps (it turns 5.1.8 into 5.0.0 there)", () => {
    expect(decideSender(request({ protocol_state: "END-OF-MESSAGE", sender: "mallory@contoso.test" }), view())).toBe(
      "550 5.7.1 Access denied, bad outbound sender",
    );
  });

  it("refuses a restricted account that authenticated, whatever MAIL FROM it forges", () => {
    expect(decideSender(request({ sender: "ceo@contoso.test", sasl_username: "mallory@contoso.test" }), view())).toBe(
      POLICY_ANSWERS.restricted,
    );
  });

  it("with stale lists: fail-closed refuses everyone for now; fail-open lets unknown senders through and keeps known ones refused", () => {
    const stale = { isFresh: false };
    expect(decideSender(request({ sender: "alice@contoso.test" }), view({ ...stale, isFailOpen: false }))).toBe(
      POLICY_ANSWERS.unavailable,
    );
    expect(decideSender(request({ sender: "alice@contoso.test" }), view({ ...stale, isFailOpen: true }))).toBe(
      POLICY_ANSWERS.noOpinion,
    );
    expect(decideSender(request({ sender: "mallory@contoso.test" }), view({ ...stale, isFailOpen: true }))).toBe(
      POLICY_ANSWERS.restricted,
    );
  });
});

describe("countedSender", () => {
  const domains = new Set(["contoso.test"]);
  it("counts the authenticated account of the organisation, else MAIL FROM of the organisation, else nobody", () => {
    expect(
      countedSender(request({ sender: "ceo@fabrikam.test", sasl_username: "Mallory@contoso.test" }), domains),
    ).toBe("mallory@contoso.test");
    expect(countedSender(request({ sender: "alice@contoso.test", sasl_username: "alice" }), domains)).toBe(
      "alice@contoso.test",
    );
    expect(countedSender(request({ sender: "someone@fabrikam.test" }), domains)).toBeNull();
    expect(countedSender(request({ sender: "" }), domains)).toBeNull();
  });
});

describe("acceptedRecipients", () => {
  it("reads recipient_count, and nothing sensible as 0", () => {
    expect(acceptedRecipients(request({ recipient_count: "12" }))).toBe(12);
    for (const value of ["", "-3", "1.5", "lots"])
      expect(acceptedRecipients(request({ recipient_count: value }))).toBe(0);
    expect(acceptedRecipients(request({}))).toBe(0);
  });
});

describe("crossedLimits", () => {
  const limits = { ...DEFAULT_LIMITS, recipientsPerHour: 10, recipientsPerDay: 25 };

  it("fires on the message that takes a count past its limit, not on the ones after", () => {
    expect(crossedLimits({ recipientsThisHour: 10, recipientsLastDay: 10, added: 4 }, limits)).toEqual([]);
    expect(crossedLimits({ recipientsThisHour: 12, recipientsLastDay: 12, added: 2 }, limits)).toEqual([
      { limit: "recipientsPerHour", observed: 12, allowed: 10, description: "12 recipients this hour (limit 10)" },
    ]);
    expect(crossedLimits({ recipientsThisHour: 14, recipientsLastDay: 14, added: 2 }, limits)).toEqual([]);
  });

  it("names both limits when one message crosses both", () => {
    expect(
      crossedLimits({ recipientsThisHour: 30, recipientsLastDay: 30, added: 30 }, limits).map((breach) => breach.limit),
    ).toEqual(["recipientsPerHour", "recipientsPerDay"]);
  });

  it("takes each limit the policy lacks from the defaults", () => {
    expect(sendingLimitsOf({ recipientsPerDay: 500, messagesPerMinute: 30 })).toEqual({
      recipientsPerDay: 500,
      messagesPerMinute: 30,
      recipientsPerHour: 1_000,
    });
    expect(sendingLimitsOf(null)).toEqual(DEFAULT_LIMITS);
  });
});
