import "server-only";
import { formatDateTime } from "@/lib/utils";
import { Prisma } from "@/generated/prisma/client";
import { prisma } from "@/server/db";
import type { TStep } from "../playbook.types";
import { sendingSince, subjectMailbox } from "./subject";

export const huntSentMail: TStep = {
  key: "sent-mail",
  name: "Mail the account sent in the suspect window",
  phase: "hunting",
  async run(subject) {
    const { address } = await subjectMailbox(subject);
    const since = sendingSince(subject);
    const where = Prisma.sql`"EmailEvent"."senderFromAddress" = ${address} and "EmailEvent"."emailDirection" <> 'Inbound'
      and "EmailEvent".timestamp >= ${since} and "EmailEvent"."deliveryAction" <> 'Blocked'`;
    const [counts] = await prisma.$queryRaw<{ rows: bigint; threats: bigint; external: bigint }[]>`
      select count(*) as rows, count(*) filter (where "threatTypes" <> '') as threats,
             count(*) filter (where "emailDirection" = 'Outbound') as external
      from "EmailEvent" where ${where}`;
    const rows = Number(counts.rows);
    if (!rows) return { findings: [`No delivered mail sent since ${formatDateTime(since)}`], risk: "None" };
    const threats = Number(counts.threats);
    const name = `Sent by ${address} since ${formatDateTime(since)}`;
    return {
      findings: [`${rows} delivered message copies sent since ${formatDateTime(since)} (${Number(counts.external)} to outside recipients, ${threats} judged spam, phish or malware)`],
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
      evidence: [{ kind: "emailCluster", entity: name, verdict: threats ? "Malicious" : "Suspicious", details: { rows, threats } }],
      actions: [{ type: "softDelete", entity: name, entityKey: `sent:${address}:${since.toISOString()}`, target: { sender: address, since: since.toISOString() }, clusterName: name }],
    };
  },
};
