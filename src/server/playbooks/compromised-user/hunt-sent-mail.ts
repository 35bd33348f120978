import { formatDateTime } from "@/lib/utils";
import type { TStep } from "../playbook.types";
import type { TCompromisedUserInput } from "../playbook-inputs";
import type { TCompromisedUserQueries } from "./compromised-user.queries";
import { sendingSince, subjectMailbox } from "./subject";

export const huntSentMail: TStep<TCompromisedUserInput, TCompromisedUserQueries> = {
  key: "sent-mail",
  name: "Mail the account sent in the suspect window",
  phase: "hunting",
  async run(context) {
    const { address } = await subjectMailbox(context);
    const since = sendingSince(context.subject);
    const { where, rows, threats, external } = await context.queries.sentMail(address, since);
    if (!rows) return { findings: [`No delivered mail sent since ${formatDateTime(since)}`], risk: "None" };
    const name = `Sent by ${address} since ${formatDateTime(since)}`;
    return {
      findings: [
        `${rows} delivered message copies sent since ${formatDateTime(since)} (${external} to outside recipients, ${threats} judged spam, phish or malware)`,
      ],
      risk: threats ? "High" : "Medium",
      clusters: [
        {
          kind: "sentByUser",
          name,
          queryText: `EmailEvents | where SenderFromAddress == "${address}" and EmailDirection != "Inbound" and Timestamp >= datetime(${since.toISOString()})`,
          query: { senderFromAddress: address, since: since.toISOString(), direction: "not Inbound" },
          where,
          verdict: threats ? "Malicious" : "Suspicious",
        },
      ],
      evidence: [
        {
          kind: "emailCluster",
          entity: name,
          verdict: threats ? "Malicious" : "Suspicious",
          details: { rows, threats },
        },
      ],
      actions: [
        {
          type: "softDelete",
          entity: name,
          entityKey: `sent:${address}:${since.toISOString()}`,
          target: { sender: address, since: since.toISOString() },
          clusterName: name,
        },
      ],
    };
  },
};
