import "server-only";
import { assertNoIssues, outboundFieldIssues, type TOutboundField } from "@/server/network/check-outbound-fields";
import { isLocalListenHost } from "@/server/network/local-address";
import type { TMailSystemConfig } from "./mail-system-settings.service";

const POLICY_HOST = "must be an address of this machine: the sender policy service listens there";

/**
 * What the form may point the console at (SSRF): IMAP and doveadm only at public addresses or Allowed internal
 * hosts; the policy service, Breakwater's own, only at this machine. Fields an environment variable sets are the
 * operator's and are not checked.
 */
export async function checkMailSystemTargets(
  settings: TMailSystemConfig & { fromEnvironment: (keyof TMailSystemConfig)[] },
): Promise<void> {
  const isTyped = (field: keyof TMailSystemConfig) => !settings.fromEnvironment.includes(field);
  const fields: TOutboundField[] = [];
  if (settings.imapHost && isTyped("imapHost")) fields.push({ field: "imapHost", host: settings.imapHost });
  if (settings.doveadmUrl && isTyped("doveadmUrl"))
    fields.push({ field: "doveadmUrl", host: new URL(settings.doveadmUrl).hostname });
  const issues = await outboundFieldIssues(fields, settings.allowedInternalHosts);
  if (isTyped("policyHost") && !(await isLocalListenHost(settings.policyHost)))
    issues.push({ path: "body.policyHost", message: POLICY_HOST });
  assertNoIssues(issues);
}
