import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import {
  ACTION_CATALOGUE,
  type TActionInfo,
  type TActionTarget,
  type TActionType,
} from "@/lib/actions/action-catalogue";
import type { TPrincipal } from "@/server/auth/principal";
import type { TExecution } from "@/server/connectors/execution.types";

/** How an action is being carried out: by whom, as which kind of remediation, and whether it undoes another. */
export type TActionContext = {
  tx: Prisma.TransactionClient;
  actor: TPrincipal;
  /** Defender's EmailPostDeliveryEvents.ActionType: an approved recommendation, or an analyst's own action. */
  remediation: "Automated Remediation" | "Manual Remediation";
  /** A Move to Inbox / Move to Junk that moves back what this earlier action moved. */
  revertOf?: number;
  /**
   * An approval or automation: an email action over Settings › Automation's canary threshold first runs on a sample.
   * An analyst's own action from Threat Explorer runs at once on what they selected.
   */
  isCanaryAllowed?: boolean;
};

export type TActionRun<T extends TActionType> = {
  id: number;
  clusterId: number | null;
  type: T;
  target: TActionTarget<T>;
};

export type TActionDefinition<T extends TActionType = TActionType> = TActionInfo & {
  type: T;
  execute: (action: TActionRun<T>, context: TActionContext) => Promise<TExecution>;
};

/**
 * One action of the catalogue with how it is carried out. What it is called, its family, where it puts a message and
 * whether it can be undone come from the serialisable catalogue (src/lib/actions), which the console reads too.
 */
export function defineAction<T extends TActionType>(
  type: T,
  execute: TActionDefinition<T>["execute"],
): TActionDefinition<T> {
  return { ...ACTION_CATALOGUE[type], type, execute };
}
