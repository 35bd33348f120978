import "server-only";
import type { InvestigationStatus, Prisma } from "@/generated/prisma/client";
import { INVESTIGATION_STATUS_LABELS } from "@/lib/labels";
import { AUTOMATION } from "@/server/auth/principal";

/** The ends after which nothing is left for an analyst to do on the run's alerts. */
export const RESOLVING_END_STATUSES: InvestigationStatus[] = ["Remediated", "NoThreatsFound"];

type TDb = Pick<Prisma.TransactionClient, "$executeRaw">;

/**
 * Resolves the open alerts of a run that ended Remediated or No threats found, when Automation settings say so
 * (on unless an admin turned it off), as Automation: one statement for the alerts, their history rows (which are
 * also the SIEM feed's records) and the audit log, however many alerts the run has. Returns how many it resolved.
 */
export async function resolveRunAlerts(investigationId: number, status: InvestigationStatus, db: TDb): Promise<number> {
  if (!RESOLVING_END_STATUSES.includes(status)) return 0;
  const comment = `Resolved automatically: investigation ${investigationId} ended ${INVESTIGATION_STATUS_LABELS[status]}`;
  return db.$executeRaw`
    with target as (
      select a.id, a.status from "Alert" a
      where a."investigationId" = ${investigationId} and a.status <> 'Resolved'
        and coalesce((select s."resolveAlertsOnRunEnd" from "AutomationSettings" s where s.id = 1), true)
      order by a.id for update of a
    ), resolved as (
      update "Alert" a set status = 'Resolved', "resolvedAt" = now() at time zone 'utc', version = a.version + 1, "updatedAt" = now() at time zone 'utc'
      from target t where a.id = t.id
      returning a.id, t.status::text as before
    ), history as (
      insert into "AlertHistory" ("alertId", at, "actorType", "actorId", "actorName", changes, comment)
      select id, now() at time zone 'utc', ${AUTOMATION.kind}, null, ${AUTOMATION.name}, jsonb_build_object('status', jsonb_build_object('from', before, 'to', 'Resolved')), ${comment}
      from resolved
    )
    insert into "AuditLog" (at, "actorType", "actorId", "actorName", action, "targetType", "targetId", before, after)
    select now() at time zone 'utc', ${AUTOMATION.kind}, null, ${AUTOMATION.name}, 'alert.update', 'alert', id::text,
           jsonb_build_object('status', before), jsonb_build_object('status', 'Resolved', 'comment', ${comment}::text)
    from resolved`;
}
