import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { AUTOMATABLE_ACTIONS } from "@/lib/actions/action-catalogue";
import type { TPrincipal } from "@/server/auth/principal";
import type { TCanarySettings } from "@/server/connectors/run-with-canary";
import { prisma } from "@/server/db";
import type { TAutomationSettingsInput } from "./automation-settings.schemas";
import { saveSettingsRow } from "./save-settings-row";

export type TAutomationSettings = {
  similarFiles: boolean;
  similarUrls: boolean;
  action: (typeof AUTOMATABLE_ACTIONS)[number];
  retentionDays: number;
  /** EmailEvents older than this are dropped by month (see email-event-partitions.ts). */
  emailEventsRetentionDays: number;
  pendingExpiryDays: number;
  /** Resolve a run's alerts when it ends Remediated or No threats found (Defender does; an admin may turn it off). */
  resolveAlertsOnRunEnd: boolean;
  /** Canary runs (see runWithCanary): null is off. */
  canaryAboveMessages: number | null;
  canarySamplePercent: number;
  canarySampleMinimum: number;
  canaryMaxFailedPercent: number;
  updatedAt: Date | null;
  updatedBy: string | null;
};

// Defender's defaults: nothing is remediated without approval until an admin opts in.
const DEFAULTS: TAutomationSettings = {
  similarFiles: false,
  similarUrls: false,
  action: AUTOMATABLE_ACTIONS[0],
  retentionDays: 14,
  emailEventsRetentionDays: 180,
  pendingExpiryDays: 7,
  resolveAlertsOnRunEnd: true,
  canaryAboveMessages: null,
  canarySamplePercent: 1,
  canarySampleMinimum: 50,
  canaryMaxFailedPercent: 10,
  updatedAt: null,
  updatedBy: null,
};

type TDb = Pick<Prisma.TransactionClient, "automationSettings">;

/** The tenant's automation settings (one row, id 1); the defaults when the row was never written. */
export async function getAutomationSettings(db: TDb = prisma): Promise<TAutomationSettings> {
  const row = await db.automationSettings.findUnique({ where: { id: 1 } });
  if (!row) return DEFAULTS;
  const { id: _id, ...settings } = row;
  return { ...settings, action: AUTOMATABLE_ACTIONS[0] };
}

/**
 * Saves the settings (Security Administrator), audited. Remediation reads them when it decides on a cluster, so a
 * change applies to the next cluster an investigation produces.
 */
/** The canary run settings, as the connectors' runWithCanary takes them. */
export const canarySettings = (settings: TAutomationSettings): TCanarySettings => ({
  aboveMessages: settings.canaryAboveMessages,
  samplePercent: settings.canarySamplePercent,
  sampleMinimum: settings.canarySampleMinimum,
  maxFailedPercent: settings.canaryMaxFailedPercent,
});

export function updateAutomationSettings(
  input: TAutomationSettingsInput,
  actor: TPrincipal,
): Promise<TAutomationSettings> {
  return saveSettingsRow("AutomationSettings", actor, getAutomationSettings, (tx, updatedBy) =>
    tx.automationSettings.upsert({
      where: { id: 1 },
      create: { id: 1, ...input, updatedBy },
      update: { ...input, updatedBy },
    }),
  );
}
