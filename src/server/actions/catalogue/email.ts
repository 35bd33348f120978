import "server-only";
import { EMAIL_ACTION_TYPES, type TEmailActionType } from "@/lib/actions/action-catalogue";
import { AUTOMATION } from "@/server/auth/principal";
import { getMailConnector } from "@/server/connectors/get-mail-connector";
import { runWithCanary } from "@/server/connectors/run-with-canary";
import { canarySettings, getAutomationSettings } from "@/server/settings/automation-settings.service";
import { getMailSystemSettings } from "@/server/mail-system/mail-system-settings.service";
import { type TActionDefinition, defineAction } from "./define-action";

/**
 * Every email action runs the same way: the configured mail-system connector moves the cluster's copies to the action's
 * location (src/lib/actions/email-actions.ts), so a new email action needs nothing here.
 */
export const EMAIL_ACTION_DEFINITIONS = Object.fromEntries(
  EMAIL_ACTION_TYPES.map((type) => [
    type,
    defineAction(type, async (action, { tx, actor, remediation, revertOf, isCanaryAllowed }) => {
      // Read through the transaction: asking the pool for another connection while holding the row lock is how 50
      // approvals at once left no connection for the one that held the lock.
      const connector = await getMailConnector(await getMailSystemSettings(tx));
      const run = {
        id: action.id,
        clusterId: action.clusterId,
        type: action.type,
        actionType: remediation,
        actionTrigger: actor === AUTOMATION ? "Automation" : "AdminAction",
        ...(revertOf ? { revertOf: { actionId: revertOf } } : {}),
      } as const;
      if (!isCanaryAllowed) return connector.executeEmailAction(run, tx);
      return runWithCanary(connector, run, canarySettings(await getAutomationSettings(tx)), tx);
    }),
  ]),
) as unknown as { [K in TEmailActionType]: TActionDefinition<K> };
