import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { raiseAlert } from "@/server/alerts/raise-alert";
import { writeAudit } from "@/server/audit/write-audit";
import type { TPrincipal } from "@/server/auth/principal";
import { prisma } from "@/server/db";
import { ZSelection } from "@/server/explorer/selection";
import { notFound } from "@/server/http/app-error";
import { ZEmailAddress } from "@/server/ingestion/ingestion.schemas";
import { compromisedUserStart } from "@/server/playbooks/compromised-user/compromised-user-start";
import { startInvestigation } from "./start-investigation";

export const ZUserSubject = z.strictObject({ user: ZEmailAddress });
/** POST /api/v1/investigations: messages (ticked or a search) for the Manual playbook, or a user for Compromised user. */
export const ZTriggerInvestigationBody = z.union([ZSelection, ZUserSubject]);

export type TUserTriggered = { alertId: number | null; investigationId: number; isNewInvestigation: boolean };

/**
 * Start by user: raises *Investigation triggered manually* (for the SIEM) and runs the compromised-user playbook on the
 * mailbox, or links to the user's open or just-concluded run (start-investigation.ts), as an alert would.
 */
export async function investigateUser(
  address: string,
  principal: TPrincipal,
  now = new Date(),
): Promise<TUserTriggered> {
  const mailbox = await prisma.mailbox.findUnique({ where: { address }, select: { address: true } });
  if (!mailbox) throw notFound(`The mailbox ${address}`);
  const triggered = await prisma.$transaction(async (tx) => {
    const alert = await raiseAlert(
      {
        policyId: "investigation-triggered-manually",
        userAddress: address,
        dedupKey: `manual:${randomUUID()}`,
        title: `Investigation triggered manually by ${principal.name}: user ${address}`,
        detectionSource: "Manual",
        details: { triggeredBy: principal.name, user: address },
        activityAt: now,
      },
      tx,
    );
    const run = await startInvestigation(
      compromisedUserStart(address, {
        detectionSource: `Triggered manually by ${principal.name}`,
        input: { activityAt: now.toISOString(), triggeredBy: principal.name },
        alertIds: alert ? [alert.id] : [],
      }),
      tx,
    );
    await writeAudit(
      {
        actor: principal,
        action: "investigation.trigger",
        targetType: "investigation",
        targetId: run.id,
        after: { user: address, isNewInvestigation: run.isNew },
      },
      tx,
    );
    return { alertId: alert?.id ?? null, investigationId: run.id, isNewInvestigation: run.isNew };
  });
  return triggered;
}
