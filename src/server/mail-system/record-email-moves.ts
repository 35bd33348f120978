import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { EMAIL_ACTIONS, additionalActionLabel } from "@/server/actions/email-locations";
import type { TEmailActionRun } from "@/server/actions/execute-email-action";

/*
 * How the tenant store records a moved copy, whichever connector moved it, so that Threat Explorer, the cluster and
 * the action's History read the same: its latest location and action, the Additional action, and one
 * EmailPostDeliveryEvent per copy. Two SQL fragments for one statement, so a cluster of 10,000 copies is two writes.
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
