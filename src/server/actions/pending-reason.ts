import { isBlockAction, isEmailAction } from "@/lib/actions/action-catalogue";

/** Larger clusters are never remediated automatically: they wait as Pending for a person (Defender's limit). */
export const AUTO_REMEDIATION_LIMIT = 10_000;

/** The cluster kinds an admin can let automation remediate, each behind its own switch on Settings › Automation. */
const AUTOMATABLE_KINDS = { similarFiles: "Similar files", similarUrls: "Similar URLs" } as const;

const AUTOMATION_SETTINGS = "/settings/automation";

export type TPendingReasonCode =
  | "manual"
  | "identity"
  | "block"
  | "noCluster"
  | "actionNotAutomated"
  | "clusterKindNotAutomated"
  | "settingOff"
  | "clusterTooLarge"
  | "enabledSince";

/** Why automation left an action to a person: a short sentence, and the setting that would change it when there is one. */
export type TPendingReason = { code: TPendingReasonCode; text: string; href: string | null };

type TReasonAction = { type: string; source: string; cluster: { kind: string; messageCount: number } | null };
type TReasonSettings = { similarFiles: boolean; similarUrls: boolean; action: string };

/**
 * Derived from the action and today's settings, in the order remediateAutomatically() checks them, so it says what
 * would still stop automation now. An action that nothing stops any more was proposed before the switch was turned on:
 * automation decides a cluster once, when the run makes it.
 */
export function pendingReason(action: TReasonAction, settings: TReasonSettings): TPendingReason {
  if (action.source === "Manual") return { code: "manual", text: "Taken by hand: waits for an approver", href: null };
  if (isBlockAction(action.type)) return { code: "block", text: "Blocks always wait for approval", href: null };
  if (!isEmailAction(action.type))
    return { code: "identity", text: "Identity actions always wait for approval", href: null };
  if (!action.cluster) return { code: "noCluster", text: "Automation acts on message clusters only", href: null };
  if (action.type !== settings.action)
    return {
      code: "actionNotAutomated",
      text: "Automation only soft deletes: other email actions wait",
      href: AUTOMATION_SETTINGS,
    };
  const { kind, messageCount } = action.cluster;
  if (!Object.hasOwn(AUTOMATABLE_KINDS, kind))
    return { code: "clusterKindNotAutomated", text: "Automation does not act on this kind of cluster", href: null };
  const setting = AUTOMATABLE_KINDS[kind as keyof typeof AUTOMATABLE_KINDS];
  if (!settings[kind as keyof typeof AUTOMATABLE_KINDS])
    return { code: "settingOff", text: `Automation for ${setting} is off`, href: AUTOMATION_SETTINGS };
  if (messageCount > AUTO_REMEDIATION_LIMIT)
    return { code: "clusterTooLarge", text: "Cluster over 10,000 messages: always waits", href: null };
  return {
    code: "enabledSince",
    text: `${setting} automation was turned on after this was proposed`,
    href: AUTOMATION_SETTINGS,
  };
}

/** When an undecided action expires (expirePendingActions() ends those created longer ago than the setting). */
export function pendingExpiresAt(createdAt: Date, pendingExpiryDays: number): Date {
  return new Date(createdAt.getTime() + pendingExpiryDays * 24 * 3600_000);
}
