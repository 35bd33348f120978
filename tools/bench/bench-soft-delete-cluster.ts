import { decideAction } from "@/server/actions/decide-action";
import type { TPrincipal } from "@/server/auth/principal";
import { prisma } from "@/server/db";
import { median, ms, timed } from "./bench-stats";
import type { BenchContext } from "./bench.types";
import { loadPhishTenant } from "./phish-tenant";

// Target: approving a soft delete of a 10,000-message cluster (the executor, with its post-delivery events, audit
// and run status) takes at most 3× one bare UPDATE of the same number of rows.
const CLUSTER_MESSAGES = 10_000;
const TARGET_RATIO = 3;

/**
 * The real approval path on a 1M-row tenant beside the floor PostgreSQL offers: one UPDATE of the same number of rows
 * through a cluster's members, on a second cluster of other delivered copies. Rounds alternate which goes first, and
 * every round starts from the same state (copies back in the Inbox, no post-delivery events, the run waiting).
 */
export async function benchSoftDeleteCluster(context: BenchContext) {
  const tenant = await loadPhishTenant(context);
  const operator = await makeOperator();
  const investigation = await prisma.investigation.create({
    data: {
      name: "Email reported by user as malware or phish",
      playbook: "UserReportedMessage",
      status: "PendingAction",
      detectionSource: "bench",
      users: [],
    },
  });
  const [executed, raw] = await Promise.all([makeCluster(investigation.id, 0), makeCluster(investigation.id, 1)]);
  context.log(
    `softDeleteCluster: two clusters of ${CLUSTER_MESSAGES} delivered copies on ${tenant.rows} rows, ${context.rounds} rounds`,
  );

  const executorTimes: number[] = [];
  const rawTimes: number[] = [];
  // Round 0 warms the caches and the connection pool and is not counted.
  for (let round = 0; round <= context.rounds; round++) {
    await reset(investigation.id, [executed, raw]);
    const action = await prisma.action.create({
      data: {
        investigationId: investigation.id,
        clusterId: executed,
        type: "softDelete",
        source: "AutomatedInvestigation",
        entity: "Similar URLs",
        dedupKey: `bench-soft-delete-${round}`,
      },
    });
    const approve = async () => {
      const decided = await decideAction(action.id, "approve", undefined, operator);
      if (decided.successCount !== CLUSTER_MESSAGES)
        throw new Error(`the executor moved ${decided.successCount} of ${CLUSTER_MESSAGES} copies`);
    };
    const update = async () => {
      const updated = await prisma.$executeRaw`
        update "EmailEvent" set "latestDeliveryLocation" = 'Recoverable items'
        where id in (select "emailEventId" from "EmailClusterMember" where "clusterId" = ${raw})`;
      if (updated !== CLUSTER_MESSAGES) throw new Error(`the UPDATE moved ${updated} of ${CLUSTER_MESSAGES} copies`);
    };
    const isExecutorFirst = round % 2 === 1;
    const firstMs = await timed(isExecutorFirst ? approve : update);
    const secondMs = await timed(isExecutorFirst ? update : approve);
    const [executorRound, rawRound] = isExecutorFirst ? [firstMs, secondMs] : [secondMs, firstMs];
    context.log(
      `softDeleteCluster: round ${round}${round ? "" : " (warm-up)"}: executor ${executorRound.toFixed(0)} ms, UPDATE ${rawRound.toFixed(0)} ms`,
    );
    if (round === 0) continue;
    executorTimes.push(executorRound);
    rawTimes.push(rawRound);
  }
  const executorMs = median(executorTimes);
  const rawUpdateMs = median(rawTimes);
  return {
    rows: tenant.rows,
    clusterMessages: CLUSTER_MESSAGES,
    rounds: context.rounds,
    executorMs: ms(executorMs),
    rawUpdateMs: ms(rawUpdateMs),
    ratio: Number((executorMs / rawUpdateMs).toFixed(2)),
    target: TARGET_RATIO,
  };
}

export async function makeOperator(): Promise<TPrincipal> {
  const user = await prisma.user.create({
    data: { email: "operator@bench.test", name: "Bench Operator", role: "operator", passwordHash: "-" },
  });
  return { kind: "user", id: user.id, name: user.name, role: "operator", email: user.email };
}

// The clusters take alternate delivered copies from across the whole month, as a campaign's copies spread out.
export async function makeCluster(investigationId: number, parity: 0 | 1): Promise<number> {
  const cluster = await prisma.emailCluster.create({
    data: {
      investigationId,
      kind: "similarUrls",
      name: `Bench cluster ${parity + 1}`,
      query: {},
      queryText: "",
      verdict: "Malicious",
      messageCount: CLUSTER_MESSAGES,
    },
  });
  const inserted = await prisma.$executeRaw`
    insert into "EmailClusterMember" ("clusterId", "emailEventId")
    select ${cluster.id}, id from (
      select e.id, row_number() over (order by e.id) as n
      from "EmailEvent" e join "Mailbox" mb on mb.address = e."recipientEmailAddress"
      where e."latestDeliveryLocation" = 'Inbox/folder' and e.id % 25 = 0
    ) candidates
    where n % 2 = ${parity} and n <= ${2 * CLUSTER_MESSAGES}`;
  if (inserted !== CLUSTER_MESSAGES)
    throw new Error(`cluster ${cluster.id} has ${inserted} members, not ${CLUSTER_MESSAGES}: load a larger tenant`);
  return cluster.id;
}

async function reset(investigationId: number, clusterIds: number[]): Promise<void> {
  await prisma.$executeRaw`
    update "EmailEvent" set "latestDeliveryLocation" = 'Inbox/folder', "latestDeliveryAction" = null, "additionalActions" = '{}'
    where id in (select "emailEventId" from "EmailClusterMember" where "clusterId" = any(${clusterIds}::int[]))`;
  await prisma.$executeRaw`delete from "EmailPostDeliveryEvent"`;
  await prisma.investigation.update({ where: { id: investigationId }, data: { status: "PendingAction" } });
  // The updates leave dead row versions behind; without this each round would scan more of them than the last.
  await prisma.$executeRawUnsafe(`VACUUM "EmailEvent", "EmailPostDeliveryEvent"`);
}
