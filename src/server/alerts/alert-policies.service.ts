import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { writeAudit } from "@/server/audit/write-audit";
import type { TPrincipal } from "@/server/auth/principal";
import { prisma } from "@/server/db";
import { AppError, notFound } from "@/server/http/app-error";
import { issuesOf } from "@/server/http/error-response";
import { ZPolicySettings, type TUpdateAlertPolicy } from "./alert-policies.schemas";
import { ALERT_POLICY_FIELDS, listAlertPolicies, type TAlertPolicy } from "./alerts.queries";

export { listAlertPolicies, type TAlertPolicy };

/**
 * Changes a policy's severity, switch or settings, audited with before and after. Detections read the policy on every
 * run, so a change applies to the next message ingested. Settings are checked against what this policy takes and
 * merged into the stored ones, so changing one limit keeps the other.
 */
export async function updateAlertPolicy(
  id: string,
  input: TUpdateAlertPolicy,
  actor: TPrincipal,
): Promise<TAlertPolicy> {
  return prisma.$transaction(async (tx) => {
    // Locked: two admins changing different limits at once must not undo each other's merge.
    await tx.$executeRaw`select 1 from "AlertPolicy" where id = ${id} for update`;
    const before = await tx.alertPolicy.findUnique({ where: { id }, select: ALERT_POLICY_FIELDS });
    if (!before) throw notFound(`Alert policy ${id}`);
    const settings =
      input.settings === undefined
        ? undefined
        : { ...(before.settings as Record<string, unknown>), ...validSettings(before, input.settings) };
    const after = await tx.alertPolicy.update({
      where: { id },
      data: {
        severity: input.severity,
        isEnabled: input.isEnabled,
        settings: settings as Prisma.InputJsonValue | undefined,
      },
      select: ALERT_POLICY_FIELDS,
    });
    await writeAudit(
      {
        actor,
        action: "alertPolicy.update",
        targetType: "alertPolicy",
        targetId: id,
        before: auditView(before),
        after: auditView(after),
      },
      tx,
    );
    return after;
  });
}

// The issues name the request field (body.settings.messagesPerMinute) as the route wrapper's own validation does.
function validSettings(policy: TAlertPolicy, settings: Record<string, unknown>): Record<string, unknown> {
  const schema = ZPolicySettings[policy.id];
  if (!schema) {
    if (!Object.keys(settings).length) return {};
    const message = `the policy "${policy.name}" takes no settings`;
    throw new AppError("BAD_REQUEST", `Invalid body.settings: ${message}`, [{ path: "body.settings", message }]);
  }
  const parsed = schema.safeParse(settings);
  if (parsed.success) return parsed.data;
  const issues = issuesOf(parsed.error, ["body", "settings"]);
  throw new AppError("BAD_REQUEST", `Invalid ${issues[0].path}: ${issues[0].message}`, issues);
}

const auditView = (policy: TAlertPolicy) => ({
  name: policy.name,
  severity: policy.severity,
  isEnabled: policy.isEnabled,
  settings: policy.settings,
});
