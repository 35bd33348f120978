import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import type { TClusterInput } from "@/server/playbooks/playbook.types";

/**
 * Saves a cluster: its query, its members written set-based from `where` (a condition on "EmailEvent"), and its
 * counts by delivery location, all in the caller's transaction.
 */
export async function createCluster(
  cluster: TClusterInput & { investigationId: number | null },
  tx: Prisma.TransactionClient,
): Promise<number> {
  const created = await tx.emailCluster.create({
    data: {
      investigationId: cluster.investigationId,
      kind: cluster.kind,
      name: cluster.name,
      queryText: cluster.queryText,
      query: cluster.query as Prisma.InputJsonValue,
      verdict: cluster.verdict,
    },
  });
  await tx.$executeRaw`insert into "EmailClusterMember" ("clusterId", "emailEventId") select ${created.id}, "EmailEvent".id from "EmailEvent" where ${cluster.where}`;
  const counts = await tx.$queryRaw<{ location: string; count: bigint }[]>`
    select e."latestDeliveryLocation" as location, count(*) as count
    from "EmailClusterMember" m join "EmailEvent" e on e.id = m."emailEventId"
    where m."clusterId" = ${created.id} group by 1`;
  const countsByLocation = Object.fromEntries(counts.map((row) => [row.location, Number(row.count)]));
  const messageCount = counts.reduce((sum, row) => sum + Number(row.count), 0);
  await tx.emailCluster.update({ where: { id: created.id }, data: { countsByLocation, messageCount } });
  return created.id;
}
