import "server-only";
import { z } from "zod";

// A table's id is the slug of its label ("Action history" → "action-history"); a column's id is its accessor key.
const ZSlug = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, { error: "must be lowercase letters, digits and dashes (at most 64)" });
const ZColumnId = z
  .string()
  .regex(/^[A-Za-z0-9_.-]{1,64}$/, { error: "must be letters, digits, _ . or - (at most 64)" });

export const ZTableColumnsParams = z.object({ table: ZSlug });

/** Which columns a person shows or hides, as overrides of the table's defaults; a column not named keeps its default. */
export const ZTableColumnsBody = z.object({
  columns: z
    .record(ZColumnId, z.boolean())
    .refine((columns) => Object.keys(columns).length <= 64, { error: "must name at most 64 columns" }),
});
export type TTableColumns = z.infer<typeof ZTableColumnsBody>["columns"];

/** Every table's choice, by table id. */
export const ZTableColumnsMap = z.record(ZSlug, ZTableColumnsBody.shape.columns);
