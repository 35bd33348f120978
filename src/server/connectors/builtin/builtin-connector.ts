import "server-only";
import { Prisma } from "@/generated/prisma/client";
import type { TMailConnector } from "../connector.types";
import { FAILURE_REASONS } from "../failure-reasons";
import {
  FOLDERS_VALUES,
  actionTotals,
  insertPostDeliveryEvents,
  lockEmailRemediation,
  setMovedCopy,
} from "../record-email-moves";
import { EMAIL_ACTIONS, MAILBOX_LOCATIONS } from "@/server/actions/email-locations";
import type { TEmailActionRun, TExecution } from "../execution.types";

/** The built-in connector: acts on the tenant store alone, where the simulator and the ingestion API put the mail. */
export const builtinConnector: TMailConnector = {
  name: "builtin",
  executeEmailAction,
  testConnection: async () => [{ name: "Built-in", ok: true, detail: "built-in: acts on the tenant store" }],
};

/**
 * Moves a cluster's messages in the tenant store with one statement (not one per message),
 * which also records one EmailActionResult and, for each moved copy, one EmailPostDeliveryEvent. Only copies in the
 * organisation's own mailboxes can be moved; copies outside it fail, with the reason. A retry skips the copies done
 * before, and the counts are over every attempt. Run it inside the decision's transaction: all of it commits or none.
 */
async function executeEmailAction(action: TEmailActionRun, tx: Prisma.TransactionClient): Promise<TExecution> {
  if (!action.clusterId) throw new Error(`email action ${action.id} has no cluster`);
  await lockEmailRemediation(tx);
  const [counts] = await tx.$queryRaw<{ notInMailbox: number }[]>`
    with folders as (${FOLDERS_VALUES}),
    copies as (${action.revertOf ? revertCopies(action, action.revertOf.actionId) : clusterCopies(action, action.clusterId)}),
    moved as (
      update "EmailEvent" e set ${setMovedCopy(action, Prisma.sql`c.destination`)}
      from copies c
      -- Checked on the row itself too: a writer that is not an action (ingestion) may have moved it since the snapshot.
      where e.id = c.id and c.outcome = 'move' and e."latestDeliveryLocation" = c.location
      returning e.id, e."networkMessageId", e."internetMessageId", e."recipientEmailAddress", e."threatTypes", e."detectionMethods", e."latestDeliveryLocation"
    ), events as (${insertPostDeliveryEvents(action)}),
    saved as (
      insert into "EmailActionResult" ("actionId", "emailEventId", result, reason, "fromFolder", "toFolder", "updatedAt")
      select ${action.id}, c.id,
        case when m.id is not null then 'Success' when c.outcome = 'move' then 'Failed' else c.outcome end,
        case when m.id is not null then null when c.outcome = 'move' then ${FAILURE_REASONS.movedMeanwhile} else c.reason end,
        case when m.id is not null then (select folder from folders where location = c.location) end,
        case when m.id is not null or c.outcome = 'AlreadyInDestination' then (select folder from folders where location = c.destination) end,
        now()
      from copies c left join moved m on m.id = c.id
      where c.outcome <> 'none'
      on conflict ("actionId", "emailEventId") do update set result = excluded.result, reason = excluded.reason, "fromFolder" = excluded."fromFolder",
        "toFolder" = excluded."toFolder", attempts = "EmailActionResult".attempts + 1, "updatedAt" = now()
      returning 1
    )
    select count(*) filter (where outcome = 'none')::int as "notInMailbox", (select count(*) from events) as events, (select count(*) from saved) as saved
    from copies`;
  return actionTotals(action.id, counts.notInMailbox, tx);
}

// A copy this attempt is for: one of the run's own copies (a canary's sample) when it names them, and nothing done to
// it yet: no result other than Failed from an attempt before.
const notDoneYet = (action: TEmailActionRun) =>
  Prisma.sql`not exists (select 1 from "EmailActionResult" done where done."actionId" = ${action.id} and done."emailEventId" = e.id and done.result <> 'Failed')
    ${action.onlyCopies ? Prisma.sql`and e.id = any(${action.onlyCopies}::bigint[])` : Prisma.empty}`;

/**
 * The cluster's copies with where each goes and what becomes of it: `move`, `AlreadyInDestination`, `Failed` (outside
 * the organisation) or `none` (quarantined, blocked, dropped or hard-deleted: in no mailbox, so left alone).
 */
function clusterCopies(action: TEmailActionRun, clusterId: number): Prisma.Sql {
  const { location } = EMAIL_ACTIONS[action.type];
  return Prisma.sql`
    select e.id, e."latestDeliveryLocation" as location, ${location}::text as destination,
      case when e."latestDeliveryLocation" = ${location} and mb.id is not null then 'AlreadyInDestination'
           when not (e."latestDeliveryLocation" = any(${MAILBOX_LOCATIONS as unknown as string[]}::text[])) then 'none'
           when mb.id is null then 'Failed' else 'move' end as outcome,
      case when mb.id is null then ${FAILURE_REASONS.outside} end as reason
    from "EmailClusterMember" m join "EmailEvent" e on e.id = m."emailEventId"
    left join "Mailbox" mb on mb.address = e."recipientEmailAddress"
    where m."clusterId" = ${clusterId} and ${notDoneYet(action)}`;
}

/**
 * The copies the reverted action moved (its Success results), each still where it put them moving on: Move to Inbox to
 * the folder it came from (the Inbox when that was not recorded), Move to Junk to Junk. Moved since: left alone.
 */
function revertCopies(action: TEmailActionRun, revertedId: number): Prisma.Sql {
  const destination =
    action.type === "moveToInbox"
      ? Prisma.sql`coalesce((select location from folders where folder = r."fromFolder"), ${EMAIL_ACTIONS.moveToInbox.location})`
      : Prisma.sql`${EMAIL_ACTIONS[action.type].location}::text`;
  return Prisma.sql`
    select id, location, destination,
      case when not "isOrg" then 'Failed' when location = destination then 'AlreadyInDestination' when location = "putAt" then 'move' else 'Failed' end as outcome,
      case when not "isOrg" then ${FAILURE_REASONS.mailboxLeft} when location = destination or location = "putAt" then null else ${FAILURE_REASONS.movedSince} end as reason
    from (
      select e.id, e."latestDeliveryLocation" as location, ${destination} as destination, mb.id is not null as "isOrg",
        (select location from folders where folder = r."toFolder") as "putAt"
      from "EmailActionResult" r join "EmailEvent" e on e.id = r."emailEventId"
      left join "Mailbox" mb on mb.address = e."recipientEmailAddress"
      -- toFolder is null only for a hard delete, which is never reverted.
      where r."actionId" = ${revertedId} and r.result = 'Success' and r."toFolder" is not null and ${notDoneYet(action)}
    ) copy`;
}
