import "server-only";
import type { ActivityContentType, Prisma } from "@/generated/prisma/client";
import { prisma } from "@/server/db";

type TDb = Pick<Prisma.TransactionClient, "$queryRaw" | "activityRecord">;

/**
 * The feed's horizon (activity_settled_until(), as the activity_horizon_ms migration defines it): every record older
 * than it is committed, none older will ever be written, and it never moves back. Read records in a later statement
 * than this one: a statement sees what was committed when it started, so one that also computed it could miss one.
 */
export async function readSettledUntil(db: TDb = prisma): Promise<Date> {
  const [row] = await db.$queryRaw<{ at: Date }[]>`select activity_settled_until() as at`;
  return row.at;
}

export type TRecordRange = {
  contentTypes: ActivityContentType[];
  /** Records at or after this time, or strictly after this (createdAt, id) position. */
  from: { at: Date; afterId?: bigint };
  /** Records before this time (the horizon), or up to and including this (createdAt, id) position. */
  to: { before: Date } | { at: Date; id: bigint };
};

/** The feed's order is (createdAt, id), the same for the API and the webhooks. */
function recordRangeWhere({ contentTypes, from, to }: TRecordRange): Prisma.ActivityRecordWhereInput {
  const start: Prisma.ActivityRecordWhereInput =
    from.afterId === undefined
      ? { createdAt: { gte: from.at } }
      : { OR: [{ createdAt: { gt: from.at } }, { createdAt: from.at, id: { gt: from.afterId } }] };
  const end: Prisma.ActivityRecordWhereInput =
    "before" in to
      ? { createdAt: { lt: to.before } }
      : { OR: [{ createdAt: { lt: to.at } }, { createdAt: to.at, id: { lte: to.id } }] };
  return { contentType: { in: contentTypes }, AND: [start, end] };
}

const RECORD_ORDER: Prisma.ActivityRecordOrderByWithRelationInput[] = [{ createdAt: "asc" }, { id: "asc" }];

export async function findActivityRecords(
  range: TRecordRange,
  paging: { skip?: number; take: number },
  db: TDb = prisma,
) {
  return db.activityRecord.findMany({ where: recordRangeWhere(range), orderBy: RECORD_ORDER, ...paging });
}

export async function countActivityRecords(range: TRecordRange, db: TDb = prisma): Promise<number> {
  return db.activityRecord.count({ where: recordRangeWhere(range) });
}
