import "server-only";
import { z } from "zod";
import { MAX_QUERY_LENGTH } from "@/server/hunting/kql/hunting-query.schemas";

export const ZSavedQueryBody = z.object({
  name: z.string().trim().min(1, { error: "must not be empty" }).max(120),
  query: z
    .string()
    .max(MAX_QUERY_LENGTH, { error: `must be at most ${MAX_QUERY_LENGTH.toLocaleString("en")} characters` })
    .refine((query) => query.trim().length > 0, { error: "must not be empty" }),
});
export type TSavedQueryBody = z.infer<typeof ZSavedQueryBody>;

export const ZSavedQueryIdParams = z.object({ id: z.uuid() });
