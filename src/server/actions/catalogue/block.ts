import "server-only";
import { BLOCK_ACTION_SPECS, type TBlockActionType, isBlockLift } from "@/lib/actions/block-actions";
import { executeBlockAction, liftBlockAction } from "../execute-block-action";
import { type TActionDefinition, defineAction } from "./define-action";

export const BLOCK_ACTION_DEFINITIONS = Object.fromEntries(
  (Object.keys(BLOCK_ACTION_SPECS) as TBlockActionType[]).map((type) => [
    type,
    defineAction(type, (action, { tx, revertOf }) => {
      if (!isBlockLift(type)) return executeBlockAction(action, tx);
      if (!revertOf) throw new Error(`${type} action ${action.id} names no block to lift`);
      return liftBlockAction(action, revertOf, tx);
    }),
  ]),
) as unknown as { [K in TBlockActionType]: TActionDefinition<K> };
