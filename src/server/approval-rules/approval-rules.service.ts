import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import type { TPrincipal } from "@/server/auth/principal";
import { prisma } from "@/server/db";
import { saveSettingsRow } from "@/server/settings/save-settings-row";
import { ZApprovalRules, type TApprovalRule, type TApprovalRulesInput } from "./approval-rules.schemas";

export type TApprovalRuleSettings = { rules: TApprovalRule[]; updatedAt: Date | null; updatedBy: string | null };

type TDb = Pick<Prisma.TransactionClient, "approvalRuleSettings">;

/** The tenant's two-person rules (one row, id 1); none until an admin adds one. Read through `db` inside a decision. */
export async function getApprovalRules(db: TDb = prisma): Promise<TApprovalRuleSettings> {
  const row = await db.approvalRuleSettings.findUnique({ where: { id: 1 } });
  if (!row) return { rules: [], updatedAt: null, updatedBy: null };
  return { rules: ZApprovalRules.parse(row.rules), updatedAt: row.updatedAt, updatedBy: row.updatedBy };
}

/** Replaces the rules (Security Administrator), audited with before and after. Applies to the next decision. */
export function updateApprovalRules(input: TApprovalRulesInput, actor: TPrincipal): Promise<TApprovalRuleSettings> {
  return saveSettingsRow("ApprovalRuleSettings", actor, getApprovalRules, (tx, updatedBy) =>
    tx.approvalRuleSettings.upsert({
      where: { id: 1 },
      create: { id: 1, rules: input.rules, updatedBy },
      update: { rules: input.rules, updatedBy },
    }),
  );
}
