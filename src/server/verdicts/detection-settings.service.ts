import "server-only";
import { z } from "zod";
import type { Prisma } from "@/generated/prisma/client";
import type { TPrincipal } from "@/server/auth/principal";
import { prisma } from "@/server/db";
import { saveSettingsRow } from "@/server/settings/save-settings-row";
import { BUILT_IN_BRANDS, type TBrand } from "./brands";
import type { TDetectionSettingsInput } from "./detection-settings.schemas";

export type TDetectionSettings = {
  trustedAuthservIds: string[];
  customBrands: { name: string; domains: string[] }[];
  learningDays: number;
  updatedAt: Date | null;
  updatedBy: string | null;
};

const DEFAULTS: TDetectionSettings = { trustedAuthservIds: [], customBrands: [], learningDays: 90, updatedAt: null, updatedBy: null };
const ZStoredBrands = z.array(z.object({ name: z.string(), domains: z.array(z.string()) })).catch([]);

type TDb = Pick<Prisma.TransactionClient, "detectionSettings">;

export async function getDetectionSettings(db: TDb = prisma): Promise<TDetectionSettings> {
  const row = await db.detectionSettings.findUnique({ where: { id: 1 } });
  if (!row) return DEFAULTS;
  return { trustedAuthservIds: row.trustedAuthservIds, customBrands: ZStoredBrands.parse(row.customBrands), learningDays: row.learningDays, updatedAt: row.updatedAt, updatedBy: row.updatedBy };
}

/** The built-in brands and the admin's own, which may add domains to a built-in brand of the same name. */
export function brandsOf(settings: TDetectionSettings): TBrand[] {
  const custom = settings.customBrands.map((brand) => ({ name: brand.name, aliases: [brand.name.toLowerCase()], domains: brand.domains }));
  const merged = BUILT_IN_BRANDS.map((brand) => {
    const extra = custom.find((candidate) => candidate.name.toLowerCase() === brand.name.toLowerCase());
    return extra ? { ...brand, domains: [...new Set([...brand.domains, ...extra.domains])] } : brand;
  });
  return [...merged, ...custom.filter((brand) => !BUILT_IN_BRANDS.some((known) => known.name.toLowerCase() === brand.name.toLowerCase()))];
}

/** Admin-only, audited. */
export function updateDetectionSettings(input: TDetectionSettingsInput, actor: TPrincipal): Promise<TDetectionSettings> {
  return saveSettingsRow("DetectionSettings", actor, getDetectionSettings, (tx, updatedBy) =>
    tx.detectionSettings.upsert({ where: { id: 1 }, create: { id: 1, ...input, updatedBy }, update: { ...input, updatedBy } }),
  );
}
