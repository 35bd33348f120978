import "server-only";
import { writeAudits } from "@/server/audit/write-audit";
import { SYSTEM } from "@/server/auth/principal";
import { prisma } from "@/server/db";
import { getAutomationSettings } from "@/server/settings/automation-settings.service";

// EmailEvent is partitioned by calendar month of "timestamp" (UTC), with a DEFAULT partition for months that have
// none yet (migration emailevents_by_month). The worker keeps the months ahead made and drops the months older than
// the retention setting.

/** Months made ahead of the current one, so inserts never wait on a partition being made. */
export const MONTHS_AHEAD = 3;
const DAY_MS = 24 * 3600_000;
// A drop waits this long for the table's lock (a long hunting query holds it), then gives up until the next run
// rather than queue every EmailEvents reader and writer behind it.
const DROP_LOCK_TIMEOUT = "10s";
const RETENTION_LOCK = 7_319_004_520;

export type TEmailEventPartition = { name: string; from: Date; to: Date } | { name: string; isDefault: true };

const monthStart = (at: Date, plus = 0) => new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + plus, 1));

/** The partitions as PostgreSQL holds them (pg_inherits), oldest month first, the DEFAULT one last. */
export async function listEmailEventPartitions(): Promise<TEmailEventPartition[]> {
  const rows = await prisma.$queryRaw<{ name: string; bound: string }[]>`
    select c.relname as name, pg_get_expr(c.relpartbound, c.oid) as bound
    from pg_inherits i join pg_class c on c.oid = i.inhrelid
    where i.inhparent = '"EmailEvent"'::regclass`;
  const partitions = rows.map(({ name, bound }): TEmailEventPartition => {
    const range = /FROM \('([^']+)'\) TO \('([^']+)'\)/.exec(bound);
    if (!range) return { name, isDefault: true };
    return { name, from: new Date(`${range[1]}Z`), to: new Date(`${range[2]}Z`) };
  });
  const order = (partition: TEmailEventPartition) => ("from" in partition ? partition.from.getTime() : Infinity);
  return partitions.sort((a, b) => order(a) - order(b));
}

/**
 * Makes the partitions of last month through MONTHS_AHEAD months ahead, and of every month the DEFAULT partition
 * holds rows of (an import of old mail, a far-future timestamp), moving those rows into it. Idempotent; two workers
 * at once make each month once. Returns the names made.
 */
export async function ensureEmailEventPartitions(now = new Date()): Promise<string[]> {
  const held = await prisma.$queryRaw<{ month: Date }[]>`
    select distinct date_trunc('month', "timestamp") as month from "EmailEvent_default"`;
  const months = new Map<number, Date>();
  for (let plus = -1; plus <= MONTHS_AHEAD; plus++) months.set(monthStart(now, plus).getTime(), monthStart(now, plus));
  for (const { month } of held) months.set(month.getTime(), month);
  const made: string[] = [];
  for (const month of [...months.values()].sort((a, b) => a.getTime() - b.getTime())) {
    const [{ isMade }] = await prisma.$queryRaw<{ isMade: boolean }[]>`
      select breakwater_email_event_month(${month}::timestamp(3)) as "isMade"`;
    if (isMade) made.push(partitionName(month));
  }
  return made;
}

const partitionName = (month: Date) =>
  `EmailEvent_p${month.getUTCFullYear()}_${String(month.getUTCMonth() + 1).padStart(2, "0")}`;

export type TRetentionResult = {
  cut: Date;
  /** `rows`: the planner's estimate (ANALYZE's), as audited. */
  dropped: { name: string; from: Date; to: Date; rows: number }[];
  /** Rows older than the cut in the DEFAULT partition (months with no partition), deleted row by row. */
  deletedFromDefault: number;
};

/**
 * Drops every month's partition wholly older than `retentionDays` (DETACH, then DROP), with the keys of its rows,
 * each month in its own transaction and audited. The month the cut falls in stays whole until all of it is older:
 * deleting its old rows hour by hour would delete every row one at a time before its partition could go, which is
 * the cost partitioning removes (dead rows, vacuum, index bloat, a ClickHouse tombstone per row). So up to a month
 * more than the setting is kept. Rows in the DEFAULT partition older than the cut are deleted (they have no month to
 * drop, and are few).
 */
export async function dropExpiredEmailEvents(retentionDays: number, now = new Date()): Promise<TRetentionResult> {
  const cut = new Date(now.getTime() - retentionDays * DAY_MS);
  const partitions = await listEmailEventPartitions();
  const dropped: TRetentionResult["dropped"] = [];
  for (const partition of partitions) {
    if (!("from" in partition) || partition.to > cut) continue;
    const result = await dropPartition(partition, retentionDays);
    if (result) dropped.push(result);
  }
  const kept = partitions.filter((partition) => "from" in partition && partition.to > cut);
  // Below the oldest month kept, only the DEFAULT partition can hold rows: deleting through the parent lets the
  // hunting triggers tell the ClickHouse copy.
  const oldestKept = kept.length && "from" in kept[0] ? kept[0].from : cut;
  const below = oldestKept < cut ? oldestKept : cut;
  const deletedFromDefault = await prisma.$transaction(async (tx) => {
    const deleted = await tx.$executeRaw`delete from "EmailEvent" where "timestamp" < ${below}::timestamp(3)`;
    await tx.$executeRaw`delete from "EmailEventKey" where "timestamp" < ${below}::timestamp(3)`;
    return deleted;
  });
  return { cut, dropped, deletedFromDefault };
}

async function dropPartition(partition: { name: string; from: Date; to: Date }, retentionDays: number) {
  return prisma.$transaction(
    async (tx) => {
      // Every worker runs this: the first to get here drops the month, the others find it gone.
      await tx.$executeRaw`select pg_advisory_xact_lock(${RETENTION_LOCK}::bigint)`;
      const [{ isAttached }] = await tx.$queryRaw<{ isAttached: boolean }[]>`
        select exists (select 1 from pg_inherits where inhrelid = to_regclass(${`"${partition.name}"`})) as "isAttached"`;
      if (!isAttached) return null;
      await tx.$executeRawUnsafe(`set local lock_timeout = '${DROP_LOCK_TIMEOUT}'`);
      // The planner's count, not count(*): that would read the whole month only to write a number in the audit.
      const [{ rows }] = await tx.$queryRaw<{ rows: bigint }[]>`
        select greatest(reltuples, 0)::bigint as rows from pg_class where oid = ${`"${partition.name}"`}::regclass`;
      await tx.$executeRawUnsafe(`alter table "EmailEvent" detach partition "${partition.name}"`);
      await tx.$executeRawUnsafe(`drop table "${partition.name}"`);
      await tx.$executeRaw`
        delete from "EmailEventKey"
        where "timestamp" >= ${partition.from}::timestamp(3) and "timestamp" < ${partition.to}::timestamp(3)`;
      await tx.$executeRaw`
        update "HuntingReplica" set "emailEventsBefore" = greatest("emailEventsBefore", ${partition.to}::timestamp(3))
        where "isEnabled"`;
      const dropped = { ...partition, rows: Number(rows) };
      await writeAudits(
        [
          {
            actor: SYSTEM,
            action: "emailEvents.dropMonth",
            targetType: "emailEventPartition",
            targetId: partition.name,
            before: { from: partition.from, to: partition.to, estimatedRows: dropped.rows },
            after: { retentionDays },
          },
        ],
        tx,
      );
      return dropped;
    },
    { timeout: 600_000, maxWait: 10_000 },
  );
}

/** The worker's hourly upkeep of EmailEvents (and at its start): months ahead made, expired months dropped. */
export async function maintainEmailEvents(now = new Date()) {
  const made = await ensureEmailEventPartitions(now);
  const { emailEventsRetentionDays } = await getAutomationSettings();
  return { made, ...(await dropExpiredEmailEvents(emailEventsRetentionDays, now)) };
}
