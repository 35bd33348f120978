// Step judgement without PostgreSQL: each step is handed fake queries (what its playbook's queries module would have
// read) and its findings, risk, evidence and recommended actions are checked.
import { describe, expect, it } from "vitest";
import { Prisma } from "@/generated/prisma/client";
import { checkAppConsents } from "@/server/playbooks/compromised-user/check-account-changes";
import { checkForwarding, checkInboxRules } from "@/server/playbooks/compromised-user/check-forwarding-and-rules";
import { checkSending } from "@/server/playbooks/compromised-user/check-sending";
import type { TCompromisedUserQueries } from "@/server/playbooks/compromised-user/compromised-user.queries";
import { huntSentMail } from "@/server/playbooks/compromised-user/hunt-sent-mail";
import { definePlaybook } from "@/server/playbooks/define-playbook";
import { ZCompromisedUserInput, type TCompromisedUserInput } from "@/server/playbooks/playbook-inputs";
import type { TStepContext } from "@/server/playbooks/playbook.types";
import { recommendBlocks } from "@/server/playbooks/user-reported-message/remediation-steps";
import { findOtherInstances } from "@/server/playbooks/user-reported-message/root-steps";
import type { TReportedMessageInput } from "@/server/playbooks/user-reported-message/reported-message";
import type { TUserReportedMessageQueries } from "@/server/playbooks/user-reported-message/user-reported-message.queries";

const USER = "alice@contoso.test";
const CREATED = new Date("2026-03-10T12:00:00Z");

function context<TInput, TQueries>(input: TInput, queries: Partial<TQueries>): TStepContext<TInput, TQueries> {
  return {
    subject: { id: 7, users: [USER], input, createdAt: CREATED },
    // Only what the step under test reads; a call to anything else fails the test loudly.
    queries: queries as TQueries,
    now: () => CREATED,
    log: async () => undefined,
    startInvestigation: async () => {
      throw new Error("this step starts no run");
    },
  };
}

const mailbox = (fields: Record<string, unknown> = {}) => ({
  id: "mbx-1",
  address: USER,
  forwardingSmtpAddress: null,
  deliverToMailboxAndForward: false,
  ...fields,
});

/** A compromised user in the contoso.test organisation, with `mailbox` and `queries` as the tenant store holds them. */
const compromised = (queries: Partial<TCompromisedUserQueries>, input: TCompromisedUserInput = {}) =>
  context<TCompromisedUserInput, TCompromisedUserQueries>(input, {
    internalDomains: async () => ["contoso.test"],
    mailbox: (async () => mailbox()) as never,
    ...queries,
  });

describe("compromised-user steps", () => {
  it("judge forwarding outside the organisation malicious, inside it only suspicious, and none as nothing", async () => {
    const forwardingTo = (target: string | null) =>
      compromised({ mailbox: (async () => mailbox({ forwardingSmtpAddress: target })) as never });
    const outside = await checkForwarding.run(forwardingTo("drop@evil.example"));
    expect(outside).toMatchObject({
      risk: "High",
      findings: ["Mail is forwarded to drop@evil.example, outside the organisation"],
    });
    expect(outside.evidence).toEqual([expect.objectContaining({ kind: "forwarding", verdict: "Malicious" })]);
    expect(outside.actions).toEqual([
      expect.objectContaining({
        type: "removeForwarding",
        target: { mailbox: USER, forwardingSmtpAddress: "drop@evil.example" },
      }),
    ]);
    const inside = await checkForwarding.run(forwardingTo("bob@contoso.test"));
    expect(inside).toMatchObject({ risk: "Low", evidence: [expect.objectContaining({ verdict: "Suspicious" })] });
    expect(await checkForwarding.run(forwardingTo(null))).toEqual({
      findings: ["No mailbox forwarding is set"],
      risk: "None",
    });
  });

  it("remove a rule that sends mail away, switch off one that only hides, and leave an ordinary rule alone", async () => {
    const rule = (fields: Record<string, unknown>) => ({
      id: `rule-${fields.name}`,
      name: "",
      forwardTo: null,
      redirectTo: null,
      deleteMessage: false,
      isHidden: false,
      ...fields,
    });
    const rules = [
      rule({ name: "to evil", forwardTo: "x@evil.example" }),
      rule({ name: "quiet", isHidden: true }),
      rule({ name: "newsletters" }),
    ];
    const result = await checkInboxRules.run(compromised({ enabledInboxRules: (async () => rules) as never }));
    expect(result.risk).toBe("High");
    expect(result.findings).toEqual(['Rule "to evil" forwards to x@evil.example', 'Rule "quiet" is hidden']);
    expect(result.actions?.map((action) => [action.type, action.entity])).toEqual([
      ["removeForwardingRule", `${USER}: to evil → x@evil.example`],
      ["disableInboxRule", `${USER}: quiet`],
    ]);
    const ordinary = await checkInboxRules.run(
      compromised({ enabledInboxRules: (async () => [rule({ name: "newsletters" })]) as never }),
    );
    expect(ordinary).toEqual({
      findings: ["1 enabled inbox rules, none forwarding, redirecting, deleting or hidden"],
      risk: "None",
    });
  });

  it("revoke consents with mail access granted in the suspect window, and only those", async () => {
    const consent = (appName: string, scopes: string[]) => ({ id: `consent-${appName}`, appName, scopes });
    let asked: Date | undefined;
    const appConsentsSince = (async (_mailboxId: string, since: Date) => {
      asked = since;
      return [consent("Calendar helper", ["Calendars.Read"]), consent("Mail sync", ["Mail.Read", "offline_access"])];
    }) as never;
    const result = await checkAppConsents.run(
      compromised({ appConsentsSince }, { activityAt: new Date("2026-03-09T08:00:00Z") }),
    );
    // The window runs 7 days back from the activity that raised the alert, not from the run's creation.
    expect(asked).toEqual(new Date("2026-03-02T08:00:00Z"));
    expect(result).toMatchObject({ risk: "High", findings: ["Mail sync was granted Mail.Read, offline_access"] });
    expect(result.actions).toEqual([
      expect.objectContaining({ type: "revokeAppConsent", entityKey: "consent-Mail sync" }),
    ]);
  });

  it("recommend releasing a restricted user, even one who sent nothing", async () => {
    const result = await checkSending.run(
      compromised({ openRestriction: (async () => ({ id: 41 })) as never, lastSentAt: async () => null }),
    );
    expect(result.risk).toBe("None");
    expect(result.actions).toEqual([
      {
        type: "releaseUser",
        entity: USER,
        entityKey: `${USER}:restriction:41`,
        target: { mailbox: USER, restrictedUserId: "41" },
      },
    ]);
  });

  it("cluster the mail sent since the suspicious sending began, malicious when some of it was judged a threat", async () => {
    const since = new Date("2026-03-10T09:00:00Z");
    const sentMail = async (address: string, from: Date) => ({
      where: Prisma.sql`true`,
      rows: address === USER && from.getTime() === since.getTime() ? 240 : 0,
      threats: 3,
      external: 200,
    });
    const result = await huntSentMail.run(compromised({ sentMail }, { since }));
    expect(result.risk).toBe("High");
    expect(result.clusters).toEqual([expect.objectContaining({ kind: "sentByUser", verdict: "Malicious" })]);
    expect(result.actions).toEqual([
      expect.objectContaining({ type: "softDelete", clusterName: result.clusters![0].name }),
    ]);
    const quiet = await huntSentMail.run(
      compromised({ sentMail: async () => ({ where: Prisma.sql`true`, rows: 0, threats: 0, external: 0 }) }, { since }),
    );
    expect(quiet.risk).toBe("None");
  });
});

describe("definePlaybook", () => {
  const playbook = definePlaybook({
    inputSchema: ZCompromisedUserInput,
    queries: {
      internalDomains: async () => ["contoso.test"],
      mailbox: async () => mailbox(),
    } as unknown as TCompromisedUserQueries,
    steps: [checkForwarding],
  });
  const services = {
    now: () => CREATED,
    log: async () => undefined,
    startInvestigation: async () => ({ id: 0, isNew: false }),
  };

  it("lists its steps for the runner", () => {
    expect(playbook.steps).toEqual([{ key: "smtp-forwarding", name: "SMTP forwarding", phase: "root" }]);
  });

  it("reads the stored input through the playbook's schema before a step runs, and refuses input it cannot read", async () => {
    const [step] = playbook.bind(
      {
        id: 1,
        users: [USER],
        input: { activityAt: "2026-03-10T08:00:00.000Z", retired: "dropped" },
        createdAt: CREATED,
      },
      services,
    );
    expect((await step.run()).risk).toBe("None");
    const [broken] = playbook.bind(
      { id: 2, users: [USER], input: { activityAt: "yesterday" }, createdAt: CREATED },
      services,
    );
    await expect(broken.run()).rejects.toThrow(/^the run's input cannot be read: .*activityAt/);
  });
});

describe("user-reported message steps", () => {
  const submission = {
    id: "sub-1",
    reporter: "bob@contoso.test",
    subject: "Invoice",
    sender: "billing@fabrikam.example",
    senderDomain: "fabrikam.example",
    internetMessageId: "<m1@fabrikam.example>",
    networkMessageId: null,
    bodyFingerprint: "fp-1",
    details: {},
    replyTo: [],
    findings: [],
    wrapper: null,
    createdAt: CREATED,
    assessment: null,
    assessedThreatType: null,
    assessedByName: null,
    campaignId: null,
  };
  const reported = (copies: { action: string; count: number }[]) =>
    context<TReportedMessageInput, TUserReportedMessageQueries>(
      { submissionId: "sub-1" },
      { submission: (async () => submission) as never, copiesByAction: async () => copies },
    );

  it("count the copies of the reported message, and call several delivered ones a spread", async () => {
    const spread = await findOtherInstances.run(
      reported([
        { action: "Delivered", count: 1200 },
        { action: "Blocked", count: 3 },
      ]),
    );
    expect(spread).toEqual({ findings: ["1,203 copies: 1,200 delivered, 3 blocked"], risk: "Medium" });
    expect((await findOtherInstances.run(reported([{ action: "Delivered", count: 1 }]))).risk).toBe("Low");
    expect(await findOtherInstances.run(reported([]))).toEqual({
      findings: ["No copy of this message reached the organisation's mail flow"],
      risk: "None",
    });
  });

  // What the verdict engine said of the message, its sender and its one link.
  const judged = (verdicts: { message: string; sender: string; url: string }) => ({
    overall: { verdict: verdicts.message, threatType: verdicts.message === "Malicious" ? "Phish" : "", reasons: [] },
    sender: { verdict: verdicts.sender, threatType: "", reasons: ["look-alike domain"] },
    urls: {
      "https://login.fabrikam.example/": { verdict: verdicts.url, threatType: "Phish", reasons: ["credential form"] },
    },
    files: {},
    detection: {},
  });
  const judgedReport = (verdicts: { message: string; sender: string; url: string }, assessment: string | null = null) =>
    context<TReportedMessageInput, TUserReportedMessageQueries>(
      { submissionId: "sub-1" },
      {
        submission: (async () => ({ ...submission, assessment, assessedByName: assessment ? "Ana" : null })) as never,
        reportedRaw: async () => null,
        judgeMessage: (async () => judged(verdicts)) as never,
      },
    );

  it("recommend blocking a malicious link, and the sender only when the message itself is malicious", async () => {
    const phish = await recommendBlocks.run(
      judgedReport({ message: "Malicious", sender: "Suspicious", url: "Malicious" }),
    );
    expect(phish.actions?.map((action) => [action.type, action.entity])).toEqual([
      ["blockUrl", "https://login.fabrikam.example/"],
      ["blockSender", "billing@fabrikam.example"],
    ]);
    const lookAlike = await recommendBlocks.run(
      judgedReport({ message: "Suspicious", sender: "Suspicious", url: "Malicious" }),
    );
    expect(lookAlike.actions?.map((action) => action.type)).toEqual(["blockUrl"]);
    // An analyst who assessed the report clean overrides the engine: the sender is not blocked.
    const cleared = await recommendBlocks.run(
      judgedReport({ message: "Malicious", sender: "Suspicious", url: "Suspicious" }, "Clean"),
    );
    expect(cleared).toEqual({ findings: ["No entity to block"], risk: "None" });
  });
});
