import type { TStep } from "../playbook.types";
import type { TCompromisedUserInput } from "../playbook-inputs";
import type { TCompromisedUserQueries } from "./compromised-user.queries";
import { signInAnomalies } from "./sign-in-anomalies";
import { suspectWindow, subjectMailbox } from "./subject";

const HISTORY_DAYS = 30;

export const checkSignIns: TStep<TCompromisedUserInput, TCompromisedUserQueries> = {
  key: "sign-ins",
  name: "Sign-in anomalies",
  phase: "root",
  async run(context) {
    const { address } = await subjectMailbox(context);
    const { since, until } = suspectWindow(context.subject);
    const historySince = new Date(since.getTime() - HISTORY_DAYS * 24 * 3600_000);
    const { history, recent } = await context.queries.signIns(address, { historySince, since, until });
    const anomalies = signInAnomalies(history, recent);
    if (!anomalies.length)
      return { findings: [`${recent.length} sign-ins in the last 7 days, none unusual`], risk: "None" };
    const isMalicious = anomalies.some((anomaly) => anomaly.isMalicious);
    return {
      findings: anomalies.map((anomaly) => anomaly.description),
      risk: isMalicious ? "High" : "Medium",
      evidence: anomalies.map((anomaly) => ({
        kind: "logon",
        entity: `${address}: ${anomaly.kind}`,
        verdict: anomaly.isMalicious ? ("Malicious" as const) : ("Suspicious" as const),
        details: { description: anomaly.description },
      })),
      // Someone else holds the account's credentials or tokens: cut the sessions, change the password, and let the
      // analyst decide whether to block the account outright.
      actions: isMalicious
        ? [
            { type: "revokeSessions", entity: address, entityKey: address, target: { mailbox: address } },
            { type: "resetPassword", entity: address, entityKey: address, target: { mailbox: address } },
            { type: "disableAccount", entity: address, entityKey: address, target: { mailbox: address } },
          ]
        : [],
    };
  },
};
