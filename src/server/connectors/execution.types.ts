// What every executor (the built-in store, Dovecot, identity and block actions) takes and answers: their one shared
// vocabulary, kept apart from any executor so that none imports another.
import type { TEmailActionType } from "@/server/actions/email-locations";

/** What a canary run did, kept on the action (Action.canary) and shown on History and in its flyout. */
export type TCanaryReport = {
  copies: number;
  sample: number;
  mailboxes: number;
  sampleFailed: number;
  maxFailedPercent: number;
  isStopped: boolean;
  /** The sample's failures by reason, in the connector's words. */
  failures: Record<string, number>;
  summary: string;
};

/**
 * What an action did, per message copy; `failures` says why, with a count per reason. `canary` when an email action
 * first ran on a sample (see run-with-canary.ts).
 */
export type TExecution = {
  succeeded: number;
  failed: number;
  alreadyInDestination: number;
  notInMailbox?: number;
  failures: Record<string, number>;
  canary?: TCanaryReport;
};

export type TEmailActionRun = {
  id: number;
  clusterId: number | null;
  type: TEmailActionType;
  /** Defender's EmailPostDeliveryEvents.ActionType and ActionTrigger for the rows this writes. */
  actionType: "Automated Remediation" | "Manual Remediation";
  actionTrigger: "Automation" | "AdminAction";
  /**
   * A revert moves back only the copies the reverted action moved, and of those only what is still where it put them:
   * Move to Inbox each to the folder it came from, Move to Junk each to Junk (see REVERT_ACTIONS).
   */
  revertOf?: { actionId: number };
  /** Only these copies (EmailEvent ids), when set: a canary run's sample. The others are left for a later run. */
  onlyCopies?: bigint[];
};
