// Rows for the console's read side (alerts, investigations, actions, restrictions). Each factory fills what a
// real detection or playbook would, and takes overrides for what a test is about.
import { randomUUID } from "node:crypto";
import type { Prisma } from "@/generated/prisma/client";
import { BUILT_IN_POLICIES } from "@/server/alerts/built-in-policies";
import { prisma } from "@/server/db";

export const uniqueTag = () => randomUUID().slice(0, 8);

/** Test databases hold no policies: make the built-in one with this id (or a made-up one) when first needed. */
export async function ensurePolicy(id = "suspicious-email-sending-patterns") {
  const builtIn = BUILT_IN_POLICIES.find((policy) => policy.id === id);
  const create = builtIn ?? {
    id,
    name: `Factory policy ${id}`,
    description: "made by a test",
    category: "Threat management",
    severity: "Medium" as const,
    settings: {},
  };
  return prisma.alertPolicy.upsert({ where: { id }, create, update: {} });
}

export async function makePolicyAlert(overrides: Partial<Prisma.AlertUncheckedCreateInput> = {}) {
  const policy = await ensurePolicy(overrides.policyId);
  return prisma.alert.create({
    data: {
      policyId: policy.id,
      title: policy.name,
      severity: policy.severity,
      category: policy.category,
      detectionSource: "Breakwater detection",
      userAddress: `user-${uniqueTag()}@factory.test`,
      details: { sentLastHour: 120, baselinePerHour: 4 },
      ...overrides,
    },
  });
}

export async function makeInvestigation(overrides: Partial<Prisma.InvestigationUncheckedCreateInput> = {}) {
  const user = `user-${uniqueTag()}@factory.test`;
  return prisma.investigation.create({
    data: {
      name: `Compromised user ${user}`,
      playbook: "CompromisedUser",
      status: "Running",
      detectionSource: "Email sending limit exceeded",
      users: [user],
      ...overrides,
    },
  });
}

export async function makeAction(overrides: Partial<Prisma.ActionUncheckedCreateInput> = {}) {
  return prisma.action.create({
    data: {
      type: "softDelete",
      source: "AutomatedInvestigation",
      entity: `Similar files cluster ${uniqueTag()}`,
      dedupKey: `factory-${randomUUID()}`,
      ...overrides,
    },
  });
}

/** A restriction, and with `alert: true` the "User restricted from sending email" alert that points at it. */
export async function makeRestrictedUser(
  overrides: Partial<Prisma.RestrictedUserUncheckedCreateInput> = {},
  options: { alert?: boolean } = {},
) {
  const restricted = await prisma.restrictedUser.create({
    data: { address: `user-${uniqueTag()}@factory.test`, reason: "Email sending limit exceeded", ...overrides },
  });
  const alert = options.alert
    ? await makePolicyAlert({
        policyId: "user-restricted-from-sending",
        userAddress: restricted.address,
        restrictedUserId: restricted.id,
      })
    : null;
  return { ...restricted, alert };
}

export const hoursAgo = (hours: number, now = Date.now()) => new Date(now - hours * 3_600_000);
