import "@/lib/zod-jitless";
// The one list of remediation actions, readable anywhere (pages, labels, server): what each is called, which family
// it belongs to, where an email action puts a message, and whether it can be undone. The server's registry
// (src/server/actions/catalogue) adds how each is carried out; nothing else lists action types.
import type { z } from "zod";
import { BLOCK_ACTION_SPECS, type TBlockActionType, ZBlockTarget } from "./block-actions";
import { EMAIL_ACTION_SPECS, type TEmailActionType, ZEmailTarget } from "./email-actions";
import { IDENTITY_ACTION_SPECS, type TIdentityActionType } from "./identity-actions";

export type { TBlockActionType, TEmailActionType, TIdentityActionType };

export type TActionFamily = "email" | "identity" | "block";
export type TActionType = TEmailActionType | TIdentityActionType | TBlockActionType;

/** The serialisable part of an action: what the console shows and decides on. */
export type TActionInfo = {
  type: TActionType;
  family: TActionFamily;
  label: string;
  /** Email actions: the delivery location a moved copy ends in. */
  location?: string;
  isRevertable: boolean;
  isDestructive: boolean;
};

const entries = <T extends string, S extends { label: string; isRevertable?: boolean }>(
  family: TActionFamily,
  specs: Record<T, S>,
  extra: (spec: S) => Partial<TActionInfo> = () => ({}),
) =>
  (Object.entries(specs) as [T, S][]).map(([type, spec]): [T, TActionInfo] => [
    type,
    {
      type: type as TActionType,
      family,
      label: spec.label,
      isRevertable: spec.isRevertable ?? false,
      isDestructive: false,
      ...extra(spec),
    },
  ]);

export const ACTION_CATALOGUE: Readonly<Record<TActionType, TActionInfo>> = Object.fromEntries([
  ...entries("email", EMAIL_ACTION_SPECS, (spec) => ({ location: spec.location, isDestructive: spec.isDestructive })),
  ...entries("identity", IDENTITY_ACTION_SPECS),
  ...entries("block", BLOCK_ACTION_SPECS),
]) as Record<TActionType, TActionInfo>;

export const ACTION_TYPES = Object.keys(ACTION_CATALOGUE) as [TActionType, ...TActionType[]];
export const EMAIL_ACTION_TYPES = Object.keys(EMAIL_ACTION_SPECS) as [TEmailActionType, ...TEmailActionType[]];

export const isActionType = (type: string): type is TActionType => Object.hasOwn(ACTION_CATALOGUE, type);
export const isEmailAction = (type: string): type is TEmailActionType => Object.hasOwn(EMAIL_ACTION_SPECS, type);
export const isBlockAction = (type: string): type is TBlockActionType => Object.hasOwn(BLOCK_ACTION_SPECS, type);
export const isIdentityAction = (type: string): type is TIdentityActionType =>
  Object.hasOwn(IDENTITY_ACTION_SPECS, type);

/** Whether a carried-out action of this type can be undone (an email action moved back, a block lifted). */
export const isRevertableAction = (type: string): boolean => isActionType(type) && ACTION_CATALOGUE[type].isRevertable;

/** The email actions Settings › Automation may let automation take without approval. */
export const AUTOMATABLE_ACTIONS = EMAIL_ACTION_TYPES.filter((type) => EMAIL_ACTION_SPECS[type].isAutomatable) as [
  TEmailActionType,
  ...TEmailActionType[],
];

// Each type's target: the discriminated union of (type, target), checked when an action is written and when it is read.
const TARGETS: Record<TActionType, z.ZodType<Record<string, unknown>>> = {
  ...(Object.fromEntries(EMAIL_ACTION_TYPES.map((type) => [type, ZEmailTarget])) as Record<
    TEmailActionType,
    typeof ZEmailTarget
  >),
  ...(Object.fromEntries(
    Object.entries(IDENTITY_ACTION_SPECS).map(([type, spec]) => [type, spec.target]),
  ) as unknown as Record<TIdentityActionType, z.ZodType<Record<string, unknown>>>),
  ...(Object.fromEntries(Object.keys(BLOCK_ACTION_SPECS).map((type) => [type, ZBlockTarget])) as Record<
    TBlockActionType,
    typeof ZBlockTarget
  >),
};

/** The target an action of type T names. */
export type TActionTarget<T extends TActionType> = T extends TEmailActionType
  ? z.infer<typeof ZEmailTarget>
  : T extends TIdentityActionType
    ? z.infer<(typeof IDENTITY_ACTION_SPECS)[T]["target"]>
    : z.infer<typeof ZBlockTarget>;

/** A stored or proposed action, with its target in the shape its type requires. */
export type TTypedAction = { [K in TActionType]: { type: K; target: TActionTarget<K> } }[TActionType];

/** Checks a type and its target together; throws, naming the type, when either is not what the catalogue says. */
export function parseAction(type: string, target: unknown): TTypedAction {
  if (!isActionType(type)) throw new Error(`unknown action type ${type}`);
  const parsed = TARGETS[type].safeParse(target ?? {});
  if (!parsed.success)
    throw new Error(
      `action ${type}: invalid target (${parsed.error.issues.map((issue) => `${issue.path.join(".") || "target"}: ${issue.message}`).join("; ")})`,
    );
  return { type, target: parsed.data } as TTypedAction;
}
