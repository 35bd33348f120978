import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { EMAIL_ACTIONS, type TEmailActionType } from "./email-locations";

export type TExecution = { succeeded: number; failed: number; alreadyInDestination: number; failures: Record<string, number> };

/**
 * Moves a cluster's messages with one statement per step (not one per message). Only copies in the organisation's own
 * mailboxes can be moved: copies delivered outside it count as failed, with the reason.
 */
export async function executeEmailAction(
  action: { id: number; clusterId: number | null; type: TEmailActionType },
  trigger: { actionType: string; actionTrigger: string },
  tx: Prisma.TransactionClient,
): Promise<TExecution> {
  if (!action.clusterId) throw new Error(`email action ${action.id} has no cluster`);
  const { location, label } = EMAIL_ACTIONS[action.type];
  const [counts] = await tx.$queryRaw<{ outside: bigint; already: bigint }[]>`
    select count(*) filter (where mb.id is null) as outside,
           count(*) filter (where mb.id is not null and e."latestDeliveryLocation" = ${location}) as already
    from "EmailClusterMember" m join "EmailEvent" e on e.id = m."emailEventId"
    left join "Mailbox" mb on mb.address = e."recipientEmailAddress"
    where m."clusterId" = ${action.clusterId}`;
  const moved = await tx.$queryRaw<{ id: bigint }[]>`
    update "EmailEvent" e set "latestDeliveryLocation" = ${location}, "latestDeliveryAction" = ${label},
      "additionalActions" = array_append(e."additionalActions", ${`${label}: ${trigger.actionTrigger === "Automation" ? "automated" : "approved"}`})
    from "EmailClusterMember" m, "Mailbox" mb
    where m."clusterId" = ${action.clusterId} and e.id = m."emailEventId" and mb.address = e."recipientEmailAddress"
      and e."latestDeliveryLocation" <> ${location}
    returning e.id`;
  if (moved.length) {
    await tx.$executeRaw`
      insert into "EmailPostDeliveryEvent" ("networkMessageId", "internetMessageId", "recipientEmailAddress", action, "actionType",
        "actionTrigger", "actionResult", "deliveryLocation", "threatTypes", "detectionMethods", "actionId", "reportId")
      select e."networkMessageId", e."internetMessageId", e."recipientEmailAddress", ${label}, ${trigger.actionType}, ${trigger.actionTrigger},
        'Success', ${location}, e."threatTypes", e."detectionMethods", ${action.id}, ${`action-${action.id}-`} || e.id
      from "EmailEvent" e where e.id = any(${moved.map((row) => row.id)}::bigint[])`;
  }
  const outside = Number(counts.outside);
  return {
    succeeded: moved.length,
    failed: outside,
    alreadyInDestination: Number(counts.already),
    failures: outside ? { "Recipient outside the organisation: the copy is not in a mailbox Breakwater can reach": outside } : {},
  };
}
