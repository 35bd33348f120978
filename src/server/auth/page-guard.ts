import "server-only";
import { forbidden, redirect } from "next/navigation";
import { sessionPrincipal } from "./current-principal";
import { can, type TPermission } from "./permissions";
import type { TPrincipal } from "./principal";

/** For server pages: the signed-in principal, a redirect to sign-in, or a 403 page when the role is not enough. */
export async function requirePagePermission(permission: TPermission): Promise<TPrincipal> {
  const principal = await sessionPrincipal();
  if (!principal) redirect("/login");
  if (!can(principal.role, permission)) forbidden();
  return principal;
}
