import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { prisma } from "@/server/db";

type TDb = Prisma.TransactionClient;

/** The addresses tagged as priority accounts: a handful in any tenant (Defender caps the tag at 250 users). */
export async function listPriorityAddresses(db: TDb = prisma): Promise<string[]> {
  const rows = await db.mailbox.findMany({
    where: { isPriority: true },
    select: { address: true },
    orderBy: { address: "asc" },
  });
  return rows.map((row) => row.address);
}

/**
 * The actions that touch a priority account: an identity action on one, or an email action whose cluster holds a copy
 * delivered to one. Starts from the few priority mailboxes and walks to clusters, never the other way round, so a
 * page of 10,000-message clusters costs one index lookup per priority account. `ids` narrows it to those actions.
 */
export async function actionIdsInvolvingPriority(ids: readonly number[] | null, db: TDb = prisma): Promise<number[]> {
  if (ids && !ids.length) return [];
  const only = ids ? Prisma.sql`and a.id = any(${[...ids]}::int[])` : Prisma.empty;
  const rows = await db.$queryRaw<{ id: number }[]>`
    with priority as (select address from "Mailbox" where "isPriority"),
    clusters as (
      select distinct m."clusterId" from priority p
      join "EmailEvent" e on e."recipientEmailAddress" = p.address
      join "EmailClusterMember" m on m."emailEventId" = e.id
    )
    select a.id from "Action" a
    where (a.target->>'mailbox' in (select address from priority) or a."clusterId" in (select "clusterId" from clusters)) ${only}
    order by a.id`;
  return rows.map((row) => row.id);
}
