import "server-only";
import { z } from "zod";
import { ZQueryText } from "@/server/hunting/kql/hunting-query.schemas";
import { ZText } from "@/server/http/safe-text";

export const ZSavedQueryBody = z.object({
  name: ZText(120, { min: 1 }),
  query: ZQueryText,
});
export type TSavedQueryBody = z.infer<typeof ZSavedQueryBody>;

export const ZSavedQueryIdParams = z.object({ id: z.uuid() });
