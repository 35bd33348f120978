import "server-only";
import { prisma } from "@/server/db";

export type TSentCounts = { recipientsThisHour: number; recipientsLastDay: number };

/**
 * Adds one accepted message and its recipients to the sender's count for this clock hour (UTC) and answers the
 * totals for the hour and for the 24 hours ending with it, in one statement: the upsert locks the sender's hour row,
 * so two messages at once each see the other's recipients, and only one of them sees a limit being crossed. The day
 * is the hour's new total plus the 23 hours before it (a data-modifying CTE's own row is not visible to its query).
 */
export async function countSentMessage(sender: string, recipients: number): Promise<TSentCounts> {
  const [row] = await prisma.$queryRaw<{ hour: number; day: bigint }[]>`
    with counted as (
      insert into "SendingCount" (sender, hour, recipients, messages)
      values (${sender}, date_trunc('hour', now() at time zone 'utc'), ${recipients}, 1)
      on conflict (sender, hour) do update
        set recipients = "SendingCount".recipients + excluded.recipients, messages = "SendingCount".messages + 1
      returning hour, recipients
    )
    select counted.recipients as hour,
      counted.recipients + coalesce((
        select sum(earlier.recipients) from "SendingCount" earlier
        where earlier.sender = ${sender} and earlier.hour >= counted.hour - interval '23 hours' and earlier.hour < counted.hour
      ), 0) as day
    from counted`;
  return { recipientsThisHour: Number(row.hour), recipientsLastDay: Number(row.day) };
}
