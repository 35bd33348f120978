import { z } from "zod";
import { ROLES } from "@/server/auth/permissions";
import { ZText } from "@/server/http/safe-text";

export const ZCreateTokenSchema = z.object({
  name: ZText(80, { min: 1 }),
  role: z.enum(ROLES),
});
export type TCreateToken = z.infer<typeof ZCreateTokenSchema>;
