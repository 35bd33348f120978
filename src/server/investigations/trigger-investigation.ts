import "server-only";
import { randomUUID } from "node:crypto";
import { raiseAlert } from "@/server/alerts/raise-alert";
import { writeAudit } from "@/server/audit/write-audit";
import type { TPrincipal } from "@/server/auth/principal";
import { prisma } from "@/server/db";
import { countSelection, freezeSelection, type TSelection } from "@/server/explorer/selection";
import { startInvestigation } from "./start-investigation";

export type TTriggered = { alertId: number | null; investigationId: number; messageCount: number };

/**
 * Threat Explorer → Actions → Trigger investigation: raises *Investigation triggered manually* (so a SIEM sees it,
 * as Defender does) and starts a Manual playbook run on the selected messages.
 */
export async function triggerInvestigation(
  selection: TSelection,
  principal: TPrincipal,
  now = new Date(),
): Promise<TTriggered> {
  const frozen = freezeSelection(selection, now);
  const messageCount = await countSelection(frozen);
  const triggered = await prisma.$transaction(async (tx) => {
    const alert = await raiseAlert(
      {
        policyId: "investigation-triggered-manually",
        userAddress: principal.email ?? null,
        dedupKey: `manual:${randomUUID()}`,
        title: `Investigation triggered manually by ${principal.name}: ${messageCount.toLocaleString("en-US")} messages`,
        detectionSource: "Threat Explorer",
        details: { triggeredBy: principal.name, messageCount, selection: frozen },
        activityAt: now,
      },
      tx,
    );
    const { id: investigationId } = await startInvestigation(
      {
        playbook: "Manual",
        name: `Manual investigation: ${messageCount.toLocaleString("en-US")} messages selected in Threat Explorer`,
        users: principal.email ? [principal.email] : [],
        detectionSource: `Threat Explorer (${principal.name})`,
        input: { selection: frozen, messageCount, triggeredBy: principal.name },
        alertIds: alert ? [alert.id] : [],
      },
      tx,
    );
    await writeAudit(
      {
        actor: principal,
        action: "investigation.trigger",
        targetType: "investigation",
        targetId: investigationId,
        after: { messageCount, selection: frozen },
      },
      tx,
    );
    return { alertId: alert?.id ?? null, investigationId, messageCount };
  });
  return triggered;
}
