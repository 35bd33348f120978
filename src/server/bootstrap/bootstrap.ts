import "server-only";
import { randomBytes } from "node:crypto";
import { BUILT_IN_POLICIES } from "@/server/alerts/built-in-policies";
import { ensureBuiltInRules } from "@/server/detection-rules/built-in-rules";
import { writeAudit } from "@/server/audit/write-audit";
import { hashPassword } from "@/server/auth/password";
import { SYSTEM } from "@/server/auth/principal";
import { prisma } from "@/server/db";

export type TBootstrapResult = { admin?: { email: string; generatedPassword?: string } };

/** The rows detections and playbooks rely on: the built-in alert policies and the settings row. */
export async function ensureBuiltIns(): Promise<void> {
  for (const policy of BUILT_IN_POLICIES) {
    // Only creates: an admin's later changes to severity or switches are theirs to keep.
    await prisma.alertPolicy.upsert({ where: { id: policy.id }, create: policy, update: {} });
  }
  await prisma.automationSettings.upsert({ where: { id: 1 }, create: { id: 1 }, update: {} });
  await ensureBuiltInRules();
}

/** What a new database needs before anyone signs in: the built-ins and a first admin. */
export async function bootstrap(env: { adminEmail?: string; adminPassword?: string }): Promise<TBootstrapResult> {
  await ensureBuiltIns();

  if ((await prisma.user.count()) > 0) return {};
  const email = (env.adminEmail ?? "admin@breakwater.local").toLowerCase();
  const generatedPassword = env.adminPassword ? undefined : randomBytes(12).toString("base64url");
  const user = await prisma.user.create({
    data: {
      email,
      name: "Administrator",
      role: "admin",
      passwordHash: await hashPassword(env.adminPassword ?? generatedPassword!),
    },
  });
  await writeAudit({
    actor: SYSTEM,
    action: "user.create",
    targetType: "user",
    targetId: user.id,
    after: { email, role: "admin", reason: "first start" },
  });
  return { admin: { email, generatedPassword } };
}

export async function isTenantEmpty(): Promise<boolean> {
  return (await prisma.mailbox.count()) === 0;
}
