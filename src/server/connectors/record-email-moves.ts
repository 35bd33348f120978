import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { EMAIL_ACTIONS, FOLDERS, additionalActionLabel } from "@/server/actions/email-locations";
import type { TEmailActionRun, TExecution } from "./execution.types";

/*
 * How the tenant store records a moved copy, whichever connector moved it, so that Threat Explorer, the cluster and
 * the action's History read the same: its latest location and action, the Additional action, and one
 * EmailPostDeliveryEvent per copy. Every connector also keeps one EmailActionResult per copy (moved, with the folder it
 * came from and went to; already there; failed, with why): a revert reads where each copy was, a retry what failed. Two SQL fragments for one statement, so a cluster of 10,000 copies is two writes.
 */

/** The SET list of `update "EmailEvent" e`: the copy is now at `location` (a value, or a column of the FROM list). */
export function setMovedCopy(action: TEmailActionRun, location: Prisma.Sql): Prisma.Sql {
  const additional = additionalActionLabel(action.type, action.revertOf ? "Revert" : action.actionTrigger);
  return Prisma.sql`"latestDeliveryLocation" = ${location}, "latestDeliveryAction" = ${EMAIL_ACTIONS[action.type].label},
    "additionalActions" = array_append(e."additionalActions", ${additional})`;
}

/**
 * One EmailPostDeliveryEvent per row of the CTE `moved`: the updated EmailEvent rows, returning id, networkMessageId,
 * internetMessageId, recipientEmailAddress, threatTypes, detectionMethods and the new latestDeliveryLocation.
 */
export function insertPostDeliveryEvents(action: TEmailActionRun): Prisma.Sql {
  return Prisma.sql`insert into "EmailPostDeliveryEvent" ("networkMessageId", "internetMessageId", "recipientEmailAddress", action, "actionType",
      "actionTrigger", "actionResult", "deliveryLocation", "threatTypes", "detectionMethods", "actionId", "reportId")
    select "networkMessageId", "internetMessageId", "recipientEmailAddress", ${EMAIL_ACTIONS[action.type].label}, ${action.actionType}, ${action.actionTrigger},
      'Success', "latestDeliveryLocation", "threatTypes", "detectionMethods", ${action.id}, ${`action-${action.id}-`} || id
    from moved
    returning 1`;
}

/**
 * One remediation at a time, whichever connector: two actions on overlapping clusters (the URL and the file cluster of
 * one campaign) must not both move one copy, and each must see where the other left it. Taken before the statement
 * that reads the copies, so that statement's snapshot already holds what the other one committed. Waiting here for a
 * remediation that moves thousands of copies (minutes through Dovecot) is expected: this wait may outlast
 * DATABASE_LOCK_TIMEOUT_MS, up to the 120 s a decision's transaction may last.
 */
export async function lockEmailRemediation(tx: Prisma.TransactionClient): Promise<void> {
  await tx.$executeRaw`set local lock_timeout = '120s'`;
  await tx.$executeRaw`select pg_advisory_xact_lock(hashtext('breakwater:email-remediation'))`;
}

/** `folders(location, folder)`: Defender's mailbox locations and their folders, for a CTE. */
export const FOLDERS_VALUES = Prisma.sql`select * from (values ${Prisma.join(Object.entries(FOLDERS).map(([location, folder]) => Prisma.sql`(${location}::text, ${folder}::text)`))}) as f(location, folder)`;

/** The action's state over all its attempts, from each copy's EmailActionResult, with failures grouped by reason. */
export async function actionTotals(
  actionId: number,
  notInMailbox: number,
  tx: Prisma.TransactionClient,
): Promise<TExecution> {
  const groups = await tx.$queryRaw<{ result: string; reason: string | null; count: number }[]>`
    select result, reason, count(*)::int as count from "EmailActionResult" where "actionId" = ${actionId} group by result, reason`;
  const sum = (result: string) =>
    groups.filter((group) => group.result === result).reduce((total, group) => total + group.count, 0);
  const failures = Object.fromEntries(
    groups.filter((group) => group.result === "Failed").map((group) => [group.reason ?? "Failed", group.count]),
  );
  return {
    succeeded: sum("Success"),
    failed: sum("Failed"),
    alreadyInDestination: sum("AlreadyInDestination"),
    notInMailbox,
    failures,
  };
}
