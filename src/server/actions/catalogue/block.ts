import "server-only";
import { BLOCK_ACTION_SPECS, type TBlockActionType } from "@/lib/actions/block-actions";
import { executeBlockAction } from "../execute-block-action";
import { type TActionDefinition, defineAction } from "./define-action";

export const BLOCK_ACTION_DEFINITIONS = Object.fromEntries(
  (Object.keys(BLOCK_ACTION_SPECS) as TBlockActionType[]).map((type) => [type, defineAction(type, (action, { tx }) => executeBlockAction(action, tx))]),
) as unknown as { [K in TBlockActionType]: TActionDefinition<K> };
