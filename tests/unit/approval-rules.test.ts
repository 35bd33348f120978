import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EMAIL_ACTIONS } from "@/server/actions/email-locations";
import { ZApprovalRulesBody, type TApprovalRule } from "@/server/approval-rules/approval-rules.schemas";
import { matchApprovalRule } from "@/server/approval-rules/match-approval-rule";

const EMAIL_TYPES = Object.keys(EMAIL_ACTIONS);
const IDENTITY_TYPES = [
  "removeForwarding",
  "revokeSessions",
  "disableAccount",
  "resetPassword",
  "removeAdminRole",
  "releaseUser",
];
const ruleArb: fc.Arbitrary<TApprovalRule> = fc.oneof(
  fc.constant({ condition: "hardDelete" as const }),
  fc.constant({ condition: "disableAccount" as const }),
  fc.constant({ condition: "removeAdminRole" as const }),
  fc.constant({ condition: "priorityAccount" as const }),
  fc.nat({ max: 20_000 }).map((messages) => ({ condition: "emailOverMessages" as const, messages })),
);
const actionArb = fc.record({
  type: fc.constantFrom(...EMAIL_TYPES, ...IDENTITY_TYPES),
  messages: fc.nat({ max: 20_000 }),
  involvesPriorityAccount: fc.boolean(),
});

describe("matchApprovalRule", () => {
  it("matches hard delete, disable account and remove admin role by type, and email actions over the threshold only", () => {
    const rules: TApprovalRule[] = [
      { condition: "hardDelete" },
      { condition: "emailOverMessages", messages: 100 },
      { condition: "disableAccount" },
      { condition: "removeAdminRole" },
    ];
    expect(matchApprovalRule(rules, { type: "hardDelete", messages: 1, involvesPriorityAccount: false })).toEqual({
      condition: "hardDelete",
    });
    expect(matchApprovalRule(rules, { type: "softDelete", messages: 100, involvesPriorityAccount: false })).toBeNull();
    expect(matchApprovalRule(rules, { type: "softDelete", messages: 101, involvesPriorityAccount: false })).toEqual({
      condition: "emailOverMessages",
      messages: 100,
    });
    expect(
      matchApprovalRule(rules, { type: "revokeSessions", messages: 5000, involvesPriorityAccount: false }),
    ).toBeNull();
    expect(matchApprovalRule(rules, { type: "removeAdminRole", messages: 0, involvesPriorityAccount: false })).toEqual({
      condition: "removeAdminRole",
    });
  });

  it("matches any action that involves a priority account, whatever its type or size, with the rule for them", () => {
    const rules: TApprovalRule[] = [
      { condition: "emailOverMessages", messages: 100 },
      { condition: "priorityAccount" },
    ];
    expect(matchApprovalRule(rules, { type: "softDelete", messages: 3, involvesPriorityAccount: true })).toEqual({
      condition: "priorityAccount",
    });
    expect(matchApprovalRule(rules, { type: "revokeSessions", messages: 0, involvesPriorityAccount: true })).toEqual({
      condition: "priorityAccount",
    });
    expect(
      matchApprovalRule(rules, { type: "revokeSessions", messages: 0, involvesPriorityAccount: false }),
    ).toBeNull();
  });

  it("matches nothing without rules, and only what one of the rules matches on its own", () => {
    fc.assert(
      fc.property(fc.array(ruleArb, { maxLength: 5 }), actionArb, (rules, action) => {
        const matched = matchApprovalRule(rules, action);
        const alone = rules.filter((rule) => matchApprovalRule([rule], action));
        expect(matched).toEqual(alone[0] ?? null);
        expect(matchApprovalRule([], action)).toBeNull();
      }),
    );
  });

  it("accepts every rule it can match, through the settings schema", () => {
    fc.assert(
      fc.property(fc.array(ruleArb, { maxLength: 20 }), (rules) => {
        expect(ZApprovalRulesBody.parse({ rules })).toEqual({ rules });
      }),
    );
  });
});
