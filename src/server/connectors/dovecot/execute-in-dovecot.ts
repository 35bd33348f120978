import "server-only";
import { Prisma } from "@/generated/prisma/client";
import {
  EMAIL_ACTIONS,
  FOLDERS,
  MAILBOX_LOCATIONS,
  folderOf,
  locationOf,
  type TFolder,
} from "@/server/actions/email-locations";
import type { TEmailActionRun, TExecution } from "../execution.types";
import { FAILURE_REASONS } from "../failure-reasons";
import { actionTotals, insertPostDeliveryEvents, lockEmailRemediation, setMovedCopy } from "../record-email-moves";
import type { TCopy, TCopyOutcome, TMover } from "./mail-moves.types";

const MAILBOX_FOLDERS = MAILBOX_LOCATIONS.map((location) => folderOf(location)!);

/**
 * Carries out an email action in Dovecot and keeps the tenant store in step, inside the decision's transaction:
 * 1. the copies still to do (a retry skips those that succeeded or were already in place);
 * 2. the mover finds each by exact Message-ID in its recipient's mailbox and moves it, in batches;
 * 3. one EmailActionResult per copy (Success with the folders, Failed with why, AlreadyInDestination), and each moved
 *    copy mirrored into EmailEvents and EmailPostDeliveryEvents, set-based;
 * 4. the counts over every copy of the action, this attempt and the ones before.
 */
export async function executeInDovecot(
  action: TEmailActionRun,
  tx: Prisma.TransactionClient,
  mover: TMover,
): Promise<TExecution> {
  // Two actions on overlapping clusters must not both find and move one copy; the second finds it in its destination.
  await lockEmailRemediation(tx);
  const { copies, outside, notInMailbox } = action.revertOf
    ? await revertCopies(action, tx)
    : await clusterCopies(action, tx);
  const outcomes = copies.length
    ? await mover(copies, action.revertOf ? FAILURE_REASONS.movedSince : FAILURE_REASONS.notFound)
    : [];
  await recordOutcomes(action, [...outcomes, ...outside], tx);
  return actionTotals(action.id, notInMailbox, tx);
}

/** A canary's sample, when the run names its copies; every copy otherwise. */
const onlyCopies = (action: TEmailActionRun) =>
  action.onlyCopies ? Prisma.sql`e.id = any(${action.onlyCopies}::bigint[])` : Prisma.sql`true`;

type TCopySet = { copies: TCopy[]; outside: TCopyOutcome[]; notInMailbox: number };

type TCopyRow = { id: bigint; messageId: string; user: string | null; location: string };

/** The cluster's copies not yet done by this action. Each is looked for where the tenant store last saw it first, then in the other folders. */
async function clusterCopies(action: TEmailActionRun, tx: Prisma.TransactionClient): Promise<TCopySet> {
  if (!action.clusterId) throw new Error(`email action ${action.id} has no cluster`);
  const rows = await tx.$queryRaw<TCopyRow[]>`
    select e.id, e."internetMessageId" as "messageId", mb.address as "user", e."latestDeliveryLocation" as location
    from "EmailClusterMember" m join "EmailEvent" e on e.id = m."emailEventId"
    left join "Mailbox" mb on mb.address = e."recipientEmailAddress"
    where m."clusterId" = ${action.clusterId}
      and not exists (select 1 from "EmailActionResult" r where r."actionId" = ${action.id} and r."emailEventId" = e.id and r.result <> 'Failed')
      and ${onlyCopies(action)}
    order by e.id`;
  const destination = folderOf(EMAIL_ACTIONS[action.type].location);
  const set: TCopySet = { copies: [], outside: [], notInMailbox: 0 };
  for (const row of rows) {
    // Quarantined, blocked or hard-deleted copies are in no mailbox: an action leaves them alone, as the built-in one does.
    if (!(MAILBOX_LOCATIONS as readonly string[]).includes(row.location)) set.notInMailbox += 1;
    else if (!row.user) set.outside.push({ emailEventId: row.id, result: "Failed", reason: FAILURE_REASONS.outside });
    else {
      // Looked for in every mailbox folder but its destination: the user may have moved it since the tenant store last
      // saw it. Not in Quarantine, which holds no copy a user reaches and may not exist (IMAP fails the mailbox on it).
      const sources = [folderOf(row.location)!, ...MAILBOX_FOLDERS].filter(
        (folder, index, all) => folder !== destination && all.indexOf(folder) === index,
      );
      set.copies.push({ emailEventId: row.id, user: row.user, messageId: row.messageId, sources, destination });
    }
  }
  return set;
}

/**
 * A revert moves back only what the reverted action moved (its Success results), from where it put each copy. Move to
 * Inbox puts each copy back exactly where it was before (the Inbox, or the Junk or Deleted Items folder its user had
 * filed it in; the Inbox when that was not recorded); Move to Junk puts every copy in Junk, the analyst's choice.
 */
async function revertCopies(action: TEmailActionRun, tx: Prisma.TransactionClient): Promise<TCopySet> {
  const rows = await tx.$queryRaw<
    { id: bigint; messageId: string; user: string | null; fromFolder: TFolder | null; toFolder: TFolder }[]
  >`
    select e.id, e."internetMessageId" as "messageId", mb.address as "user", r."fromFolder", r."toFolder"
    from "EmailActionResult" r join "EmailEvent" e on e.id = r."emailEventId"
    left join "Mailbox" mb on mb.address = e."recipientEmailAddress"
    -- toFolder is null only for a hard delete, which is never reverted.
    where r."actionId" = ${action.revertOf!.actionId} and r.result = 'Success' and r."toFolder" is not null
      and not exists (select 1 from "EmailActionResult" done where done."actionId" = ${action.id} and done."emailEventId" = e.id and done.result <> 'Failed')
      and ${onlyCopies(action)}
    order by e.id`;
  const set: TCopySet = { copies: [], outside: [], notInMailbox: 0 };
  for (const row of rows) {
    if (!row.user) set.outside.push({ emailEventId: row.id, result: "Failed", reason: FAILURE_REASONS.mailboxLeft });
    else
      set.copies.push({
        emailEventId: row.id,
        user: row.user,
        messageId: row.messageId,
        sources: [row.toFolder],
        destination:
          action.type === "moveToInbox" ? (row.fromFolder ?? FOLDERS["Inbox/folder"]) : FOLDERS["Junk folder"],
      });
  }
  return set;
}

/**
 * One statement: each copy's EmailActionResult (a retry overwrites a failure and counts the attempt), each moved copy's
 * new location, action and Additional action with one EmailPostDeliveryEvent, and the location of copies found
 * already in place, so Threat Explorer shows what the mailboxes now hold.
 */
async function recordOutcomes(
  action: TEmailActionRun,
  outcomes: TCopyOutcome[],
  tx: Prisma.TransactionClient,
): Promise<void> {
  if (!outcomes.length) return;
  const column = <T>(pick: (outcome: TCopyOutcome) => T) => outcomes.map(pick);
  const fromFolder = column((outcome) => (outcome.result === "Success" ? outcome.fromFolder : null));
  const toFolder = column((outcome) => (outcome.result === "Failed" ? null : outcome.toFolder));
  const location = column((outcome) => (outcome.result === "Failed" ? null : locationOf(outcome.toFolder)));
  await tx.$executeRaw`
    with outcome as (
      select * from unnest(${column((outcome) => outcome.emailEventId)}::bigint[], ${column((outcome) => outcome.result)}::text[],
        ${column((outcome) => (outcome.result === "Failed" ? outcome.reason : null))}::text[], ${fromFolder}::text[], ${toFolder}::text[], ${location}::text[])
        as o(id, result, reason, "fromFolder", "toFolder", location)
    ), saved as (
      insert into "EmailActionResult" ("actionId", "emailEventId", result, reason, "fromFolder", "toFolder", "updatedAt")
      select ${action.id}, id, result, reason, "fromFolder", "toFolder", now() from outcome
      on conflict ("actionId", "emailEventId") do update set result = excluded.result, reason = excluded.reason, "fromFolder" = excluded."fromFolder",
        "toFolder" = excluded."toFolder", attempts = "EmailActionResult".attempts + 1, "updatedAt" = now()
      returning 1
    ), moved as (
      update "EmailEvent" e set ${setMovedCopy(action, Prisma.sql`o.location`)}
      from outcome o where e.id = o.id and o.result = 'Success'
      returning e.id, e."networkMessageId", e."internetMessageId", e."recipientEmailAddress", e."threatTypes", e."detectionMethods", e."latestDeliveryLocation"
    ), events as (
      ${insertPostDeliveryEvents(action)}
    ), placed as (
      update "EmailEvent" e set "latestDeliveryLocation" = o.location
      from outcome o where e.id = o.id and o.result = 'AlreadyInDestination' and e."latestDeliveryLocation" <> o.location
      returning 1
    )
    select (select count(*) from saved), (select count(*) from events), (select count(*) from placed)`;
}
