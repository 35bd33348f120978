import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { prisma } from "@/server/db";

export type TAutomationSettings = {
  similarFiles: boolean;
  similarUrls: boolean;
  action: "softDelete";
  retentionDays: number;
  pendingExpiryDays: number;
  updatedAt: Date | null;
  updatedBy: string | null;
};

// Defender's defaults: nothing is remediated without approval until an admin opts in.
const DEFAULTS: TAutomationSettings = { similarFiles: false, similarUrls: false, action: "softDelete", retentionDays: 14, pendingExpiryDays: 7, updatedAt: null, updatedBy: null };

type TDb = Pick<Prisma.TransactionClient, "automationSettings">;

/** The tenant's automation settings (one row, id 1); the defaults when the row was never written. */
export async function getAutomationSettings(db: TDb = prisma): Promise<TAutomationSettings> {
  const row = await db.automationSettings.findUnique({ where: { id: 1 } });
  if (!row) return DEFAULTS;
  return { ...row, action: "softDelete" };
}
