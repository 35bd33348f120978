import "server-only";
import type { Prisma } from "@/generated/prisma/client";

export type TReversal = {
  actionId: number;
  type: string;
  investigationId: number | null;
  copies: number;
  ofCopies: number;
};

/**
 * After a Move to Inbox / Move to Junk: every executed email action that held a copy this revert moved back (put it, or
 * found it, in the folder the revert took it from) gets how many of its copies were moved back, of how many. That is
 * the reverted action itself and the actions of overlapping clusters (the URL and the file cluster of one campaign
 * share copies), so none of them still reads plainly Completed. A retried revert updates its counts.
 */
export async function recordReversals(revertId: number, tx: Prisma.TransactionClient): Promise<TReversal[]> {
  return tx.$queryRaw<TReversal[]>`
    with moved as (
      select "emailEventId", "fromFolder" from "EmailActionResult" where "actionId" = ${revertId} and result = 'Success'
    ), hit as (
      select held."actionId", count(*)::int as copies
      from moved join "EmailActionResult" held on held."emailEventId" = moved."emailEventId" and held."toFolder" = moved."fromFolder"
      where held."actionId" <> ${revertId} and held.result in ('Success', 'AlreadyInDestination')
      group by held."actionId"
    ), saved as (
      insert into "ActionReversal" ("actionId", "revertId", copies, "ofCopies")
      select hit."actionId", ${revertId}, hit.copies,
        (select count(*)::int from "EmailActionResult" h where h."actionId" = hit."actionId" and h.result in ('Success', 'AlreadyInDestination'))
      from hit join "Action" a on a.id = hit."actionId" and a.status in ('Completed', 'PartiallyCompleted', 'StoppedAfterCanary', 'Reverted')
      on conflict ("actionId", "revertId") do update set copies = excluded.copies, "ofCopies" = excluded."ofCopies"
      returning "actionId", copies, "ofCopies"
    )
    select saved."actionId", a.type, a."investigationId", saved.copies, saved."ofCopies"
    from saved join "Action" a on a.id = saved."actionId" order by saved."actionId"`;
}
