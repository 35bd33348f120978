import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { prisma } from "@/server/db";

/** What one sender did in the 24 hours up to `asOf`, against that sender's own previous 30 days. */
export type TSendingActivity = {
  sender: string;
  asOf: Date;
  messagesLastMinute: number;
  recipientsLastDay: number;
  externalRecipientsLastDay: number;
  newRecipientsLastDay: number;
  distinctRecipientsLastDay: number;
  threatRowsLastDay: number;
  baselineDays: number;
  baselineDailyRecipients: number;
  baselineExternalShare: number;
};

type TRow = {
  [K in keyof TSendingActivity]: K extends "sender" ? string : K extends "asOf" ? Date : number | bigint | null;
};

/**
 * One grouped query for all the senders of a batch, each measured at its own newest message: rows come from the
 * (senderFromAddress, timestamp) index, so the cost grows with those senders' own mail, not the tenant's.
 */
export async function sendingActivity(
  senders: { sender: string; asOf: Date }[],
  internalDomains: string[],
): Promise<TSendingActivity[]> {
  if (!senders.length) return [];
  const rows = await prisma.$queryRaw<TRow[]>`
    with s as (
      select * from unnest(${senders.map((s) => s.sender)}::text[], ${senders.map((s) => s.asOf)}::timestamptz[]) as s(sender, "asOf")
    ),
    sent as (
      select s.sender, s."asOf", e.timestamp, e."networkMessageId", e."recipientEmailAddress", e."threatTypes" <> '' as is_threat,
             split_part(e."recipientEmailAddress", '@', 2) <> all(${internalDomains}::text[]) as is_external,
             min(e.timestamp) over (partition by s.sender, e."recipientEmailAddress") as first_seen
      from s join "EmailEvent" e on e."senderFromAddress" = s.sender
        and e.timestamp > s."asOf" - interval '31 days' and e.timestamp <= s."asOf"
        and e."emailDirection" <> 'Inbound'
    )
    select s.sender, s."asOf",
      count(distinct t."networkMessageId") filter (where t.timestamp > s."asOf" - interval '1 minute') as "messagesLastMinute",
      count(t.timestamp) filter (where t.timestamp > s."asOf" - interval '1 day') as "recipientsLastDay",
      count(t.timestamp) filter (where t.timestamp > s."asOf" - interval '1 day' and t.is_external) as "externalRecipientsLastDay",
      count(distinct t."recipientEmailAddress") filter (where t.timestamp > s."asOf" - interval '1 day') as "distinctRecipientsLastDay",
      count(distinct t."recipientEmailAddress") filter (where t.timestamp > s."asOf" - interval '1 day' and t.first_seen > s."asOf" - interval '1 day') as "newRecipientsLastDay",
      count(t.timestamp) filter (where t.timestamp > s."asOf" - interval '1 day' and t.is_threat) as "threatRowsLastDay",
      coalesce(extract(epoch from (s."asOf" - interval '1 day' - min(t.timestamp) filter (where t.timestamp <= s."asOf" - interval '1 day'))) / 86400, 0) as "baselineDays",
      count(t.timestamp) filter (where t.timestamp <= s."asOf" - interval '1 day') / 30.0 as "baselineDailyRecipients",
      coalesce(avg(case when t.is_external then 1.0 else 0.0 end) filter (where t.timestamp <= s."asOf" - interval '1 day'), 0) as "baselineExternalShare"
    from s left join sent t on t.sender = s.sender and t."asOf" = s."asOf"
    group by s.sender, s."asOf"`;
  return rows.map((row) => ({
    sender: row.sender,
    asOf: row.asOf,
    messagesLastMinute: Number(row.messagesLastMinute),
    recipientsLastDay: Number(row.recipientsLastDay),
    externalRecipientsLastDay: Number(row.externalRecipientsLastDay),
    newRecipientsLastDay: Number(row.newRecipientsLastDay),
    distinctRecipientsLastDay: Number(row.distinctRecipientsLastDay),
    threatRowsLastDay: Number(row.threatRowsLastDay),
    baselineDays: Number(row.baselineDays ?? 0),
    baselineDailyRecipients: Number(row.baselineDailyRecipients ?? 0),
    baselineExternalShare: Number(row.baselineExternalShare ?? 0),
  }));
}

export async function internalDomains(): Promise<string[]> {
  const rows = await prisma.$queryRaw<{ domain: string }[]>(
    Prisma.sql`select distinct split_part(address, '@', 2) as domain from "Mailbox"`,
  );
  return rows.map((row) => row.domain);
}
