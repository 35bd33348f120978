import { z } from "zod";
import { ZListQuery } from "@/server/http/pagination";
import { ZFilterText } from "@/server/http/safe-text";

export const RESTRICTED_USER_SORT_FIELDS = ["restrictedAt", "address", "releasedAt"] as const;

export const RESTRICTION_STATES = ["restricted", "released", "all"] as const;
export type TRestrictionState = (typeof RESTRICTION_STATES)[number];

export const ZRestrictedUserListQuery = ZListQuery(RESTRICTED_USER_SORT_FIELDS, "-restrictedAt").extend({
  // Who is blocked now is the question people come with; released rows are history.
  state: z.enum(RESTRICTION_STATES).default("restricted"),
  user: ZFilterText(320),
});
export type TRestrictedUserListQuery = z.infer<typeof ZRestrictedUserListQuery>;

export const ZSenderParams = z.object({ address: z.string().trim().pipe(z.email()) });
