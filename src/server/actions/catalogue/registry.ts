import "server-only";
import { type TActionType, parseAction } from "@/lib/actions/action-catalogue";
import type { TExecution } from "@/server/connectors/execution.types";
import { BLOCK_ACTION_DEFINITIONS } from "./block";
import type { TActionContext, TActionDefinition, TActionRun } from "./define-action";
import { EMAIL_ACTION_DEFINITIONS } from "./email";
import { IDENTITY_ACTION_DEFINITIONS } from "./identity";

/** Every action the console can carry out, keyed by type: a type missing here does not compile. */
export const ACTION_REGISTRY: { [K in TActionType]: TActionDefinition<K> } = {
  ...EMAIL_ACTION_DEFINITIONS,
  ...IDENTITY_ACTION_DEFINITIONS,
  ...BLOCK_ACTION_DEFINITIONS,
};

/**
 * Carries out a stored action: its type and target are checked against the catalogue as they are read, so a row written
 * by an older version (or by hand) fails with what is wrong instead of half-running.
 */
export function executeAction(
  action: { id: number; clusterId: number | null; type: string; target: unknown },
  context: TActionContext,
): Promise<TExecution> {
  const typed = parseAction(action.type, action.target);
  const definition = ACTION_REGISTRY[typed.type] as TActionDefinition;
  return definition.execute(
    { id: action.id, clusterId: action.clusterId, ...typed } as TActionRun<TActionType>,
    context,
  );
}
