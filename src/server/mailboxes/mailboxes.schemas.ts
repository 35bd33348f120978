import { z } from "zod";

export const ZMailboxParams = z.object({ address: z.string().trim().pipe(z.email()) });

export const ZPriorityBody = z.strictObject({ isPriority: z.boolean() });
