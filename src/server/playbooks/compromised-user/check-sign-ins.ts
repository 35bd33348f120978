import "server-only";
import { prisma } from "@/server/db";
import type { TStep } from "../playbook.types";
import { signInAnomalies } from "./sign-in-anomalies";
import { suspectWindow, subjectMailbox } from "./subject";

const HISTORY_DAYS = 30;

export const checkSignIns: TStep = {
  key: "sign-ins",
  name: "Sign-in anomalies",
  phase: "root",
  async run(subject) {
    const { address } = await subjectMailbox(subject);
    const { since, until } = suspectWindow(subject);
    const historySince = new Date(since.getTime() - HISTORY_DAYS * 24 * 3600_000);
    const select = { timestamp: true, actionType: true, protocol: true, countryCode: true, ipAddress: true } as const;
    const [history, recent] = await Promise.all([
      prisma.identityLogonEvent.findMany({ where: { accountUpn: address, timestamp: { gte: historySince, lt: since } }, select }),
      prisma.identityLogonEvent.findMany({ where: { accountUpn: address, timestamp: { gte: since, lte: until } }, select, orderBy: { timestamp: "asc" } }),
    ]);
    const anomalies = signInAnomalies(history, recent);
    if (!anomalies.length) return { findings: [`${recent.length} sign-ins in the last 7 days, none unusual`], risk: "None" };
    const isMalicious = anomalies.some((anomaly) => anomaly.isMalicious);
    return {
      findings: anomalies.map((anomaly) => anomaly.description),
      risk: isMalicious ? "High" : "Medium",
      evidence: anomalies.map((anomaly) => ({ kind: "logon", entity: `${address}: ${anomaly.kind}`, verdict: anomaly.isMalicious ? ("Malicious" as const) : ("Suspicious" as const), details: { description: anomaly.description } })),
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
