import "server-only";
import { z } from "zod";
import { ZQueryText } from "@/server/hunting/kql/hunting-query.schemas";
import { ZText } from "@/server/http/safe-text";
import {
  ENTITY_COLUMNS,
  RULE_ACTION_LABELS,
  RULE_SEVERITIES,
  type TFrequency,
  type TRuleAction,
} from "@/lib/detection-rules";

export { ENTITY_COLUMNS, type TEntityColumn, type TFrequency } from "@/lib/detection-rules";

/** How often a rule runs, as its YAML and the API say it, and as it is stored. */
export const FREQUENCIES = { "5m": "FiveMinutes", "1h": "OneHour", "24h": "TwentyFourHours" } as const;
export const FREQUENCY_MINUTES: Record<TFrequency, number> = { "5m": 5, "1h": 60, "24h": 1440 };
export const frequencyOf = (stored: (typeof FREQUENCIES)[TFrequency]): TFrequency =>
  (Object.keys(FREQUENCIES) as TFrequency[]).find((key) => FREQUENCIES[key] === stored)!;

export const RULE_ACTIONS = Object.keys(RULE_ACTION_LABELS) as [TRuleAction, ...TRuleAction[]];
export const SEVERITIES = RULE_SEVERITIES;

/** Thirty days: the longest look-back, as in Defender's custom detections. */
export const MAX_LOOK_BACK_MINUTES = 30 * 1440;

/** A rule as a person writes it (the API's body and one YAML file's content). */
export const ZDetectionRuleBody = z.strictObject({
  name: ZText(120, { min: 1 }),
  description: ZText(2000).default(""),
  query: ZQueryText,
  severity: z.enum(SEVERITIES),
  category: ZText(80, { min: 1 }),
  frequency: z.enum(Object.keys(FREQUENCIES) as [TFrequency, ...TFrequency[]]),
  /** How far back a run may read at most: a rule that missed runs catches up to here and no further. */
  lookBackMinutes: z.number().int().min(5).max(MAX_LOOK_BACK_MINUTES),
  entityColumns: z
    .array(z.enum(ENTITY_COLUMNS))
    .min(1)
    .max(ENTITY_COLUMNS.length)
    .refine((columns) => new Set(columns).size === columns.length, { error: "must not repeat a column" }),
  action: z.enum(RULE_ACTIONS).default("AlertOnly"),
  isEnabled: z.boolean().default(true),
});
export type TDetectionRuleBody = z.infer<typeof ZDetectionRuleBody>;

export const ZRuleIdParams = z.object({ id: z.uuid() });

/** Export: every rule, or the one named. */
export const ZRuleExportQuery = z.object({ id: z.uuid().optional() });

export const ZRuleEnabledBody = z.strictObject({ isEnabled: z.boolean() });

/** An import: YAML files, a rule per document, by file name (the name is only used to say which file is wrong). */
export const ZRuleImportBody = z.strictObject({
  files: z
    .array(z.strictObject({ name: ZText(200, { min: 1 }), content: z.string().max(40_000) }))
    .min(1)
    .max(200),
});
