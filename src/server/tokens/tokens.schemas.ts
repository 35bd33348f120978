import { z } from "zod";
import { ROLES } from "@/server/auth/permissions";

export const ZCreateTokenSchema = z.object({
  name: z.string().trim().min(1).max(80),
  role: z.enum(ROLES),
});
export type TCreateToken = z.infer<typeof ZCreateTokenSchema>;
