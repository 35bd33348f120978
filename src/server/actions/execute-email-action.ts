import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { insertPostDeliveryEvents, setMovedCopy } from "@/server/mail-system/record-email-moves";
import { EMAIL_ACTIONS, MAILBOX_LOCATIONS, type TEmailActionType } from "./email-locations";

/** What an action did, per message copy; `failures` says why, with a count per reason. */
export type TExecution = { succeeded: number; failed: number; alreadyInDestination: number; notInMailbox?: number; failures: Record<string, number> };

export type TEmailActionRun = {
  id: number;
  clusterId: number | null;
  type: TEmailActionType;
  /** Defender's EmailPostDeliveryEvents.ActionType and ActionTrigger for the rows this writes. */
  actionType: "Automated Remediation" | "Manual Remediation";
  actionTrigger: "Automation" | "AdminAction";
  /** A revert moves back only the copies the reverted action moved, and of those only what is still where it put them. */
  revertOf?: { actionId: number; location: string };
};

const OUTSIDE = "Recipient outside the organisation: the copy is not in a mailbox Breakwater can reach";
const MOVED_SINCE = "No longer where the reverted action put it (moved since): left where it is";

/**
 * Moves a cluster's messages with one statement (not one per message), and records one EmailPostDeliveryEvent per
 * moved copy with the same statement. Only copies in the organisation's own mailboxes can be moved; copies outside
 * it count as failed, with the reason. Run it inside the decision's transaction: all of it commits or none.
 */
export async function executeEmailAction(action: TEmailActionRun, tx: Prisma.TransactionClient): Promise<TExecution> {
  if (!action.clusterId) throw new Error(`email action ${action.id} has no cluster`);
  const { location } = EMAIL_ACTIONS[action.type];
  const { revertOf } = action;
  const sources = revertOf ? [revertOf.location] : MAILBOX_LOCATIONS.filter((source) => source !== location);
  const movedByReverted = revertOf
    ? Prisma.sql`and exists (select 1 from "EmailPostDeliveryEvent" p where p."actionId" = ${revertOf.actionId}
        and p."networkMessageId" = e."networkMessageId" and p."recipientEmailAddress" = e."recipientEmailAddress")`
    : Prisma.empty;
  const [counts] = await tx.$queryRaw<{ outside: bigint; already: bigint; elsewhere: bigint; moved: bigint }[]>`
    with members as (
      select e.id, e."latestDeliveryLocation" as loc, mb.id is not null as "isOrg"
      from "EmailClusterMember" m join "EmailEvent" e on e.id = m."emailEventId"
      left join "Mailbox" mb on mb.address = e."recipientEmailAddress"
      where m."clusterId" = ${action.clusterId} ${movedByReverted}
    ), moved as (
      update "EmailEvent" e set ${setMovedCopy(action, Prisma.sql`${location}`)}
      from members
      -- Checked on the row itself too: a concurrent action on an overlapping cluster (the URL and the file cluster of one
      -- campaign) may have moved it since the snapshot, and PostgreSQL re-checks only conditions on the updated row.
      where e.id = members.id and members."isOrg" and members.loc = any(${sources}::text[]) and e."latestDeliveryLocation" = any(${sources}::text[])
      returning e.id, e."networkMessageId", e."internetMessageId", e."recipientEmailAddress", e."threatTypes", e."detectionMethods", e."latestDeliveryLocation"
    ), events as (${insertPostDeliveryEvents(action)})
    select count(*) filter (where not "isOrg") as outside,
           count(*) filter (where "isOrg" and loc = ${location}) as already,
           count(*) filter (where "isOrg" and loc <> ${location} and not (loc = any(${sources}::text[]))) as elsewhere,
           (select count(*) from events) as moved
    from members`;
  const outside = Number(counts.outside);
  const elsewhere = Number(counts.elsewhere);
  // Outside a revert, "elsewhere" is quarantined, blocked or hard-deleted mail: not in a mailbox, not a failure.
  const movedSince = revertOf ? elsewhere : 0;
  return {
    succeeded: Number(counts.moved),
    failed: outside + movedSince,
    alreadyInDestination: Number(counts.already),
    notInMailbox: revertOf ? 0 : elsewhere,
    failures: { ...(outside ? { [OUTSIDE]: outside } : {}), ...(movedSince ? { [MOVED_SINCE]: movedSince } : {}) },
  };
}
