import { z } from "zod";

// Building blocks of response schemas, which describe an answer as it travels: JSON has no dates, so a Date the
// handler returns arrives as its ISO string.

export const ZWireDate = z.iso.datetime();

/** The one list answer (see pagination.ts). */
export function ZPage<TItem extends z.ZodType>(item: TItem) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
}

/** What a delete answers: the id of what is gone. */
export const ZDeleted = <TId extends z.ZodType>(id: TId) => z.object({ id });
