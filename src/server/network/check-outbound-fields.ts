import "server-only";
import { AppError, type ErrorIssue } from "@/server/http/app-error";
import { OutboundRefusedError, resolveOutboundTarget, type TResolveAll } from "./outbound-target";

export type TOutboundField = { field: string; host: string };

/**
 * Save-time check of the targets a form names: an issue for each field whose host is, or resolves to, an internal
 * address that Allowed internal hosts does not name. A name that does not resolve yet is accepted: it reaches nothing
 * now, and every connection is checked again when it is made.
 */
export async function outboundFieldIssues(
  fields: TOutboundField[],
  allowed: readonly string[],
  resolve?: TResolveAll,
): Promise<ErrorIssue[]> {
  const issues: ErrorIssue[] = [];
  for (const { field, host } of fields) {
    try {
      await resolveOutboundTarget(host, allowed, resolve);
    } catch (error) {
      if (error instanceof OutboundRefusedError) issues.push({ path: `body.${field}`, message: error.message });
    }
  }
  return issues;
}

/** 400 naming the first field at fault (all of them in `issues`), as a zod failure reads. */
export function assertNoIssues(issues: ErrorIssue[]): void {
  if (issues.length) throw new AppError("BAD_REQUEST", `Invalid ${issues[0].path}: ${issues[0].message}`, issues);
}
