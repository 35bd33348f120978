import { z } from "zod";
import { ROLES } from "@/server/auth/permissions";
import { ZListQuery } from "@/server/http/pagination";
import { ZFilterText, ZText } from "@/server/http/safe-text";

export const ZPassword = z.string().min(12, "must be at least 12 characters").max(200);

export const ZCreateUserSchema = z.object({
  email: z.string().trim().toLowerCase().email(),
  name: ZText(120, { min: 1 }),
  role: z.enum(ROLES),
  password: ZPassword,
});
export type TCreateUser = z.infer<typeof ZCreateUserSchema>;

export const ZUpdateUserSchema = z
  .object({
    name: ZText(120, { min: 1 }),
    role: z.enum(ROLES),
    isDisabled: z.boolean(),
    password: ZPassword,
  })
  .partial()
  .refine((value) => Object.keys(value).length > 0, "name at least one field to change");
export type TUpdateUser = z.infer<typeof ZUpdateUserSchema>;

export const ZUserListQuery = ZListQuery(["email", "name", "role", "createdAt", "lastSignInAt"], "email").extend({
  q: ZFilterText(200),
  role: z.enum(ROLES).optional(),
});
export type TUserListQuery = z.infer<typeof ZUserListQuery>;

export const ZIdParams = z.object({ id: z.string().uuid() });
