import "server-only";
import { z } from "zod";
import type { Prisma } from "@/generated/prisma/client";
import { writeAudit } from "@/server/audit/write-audit";
import type { TPrincipal } from "@/server/auth/principal";
import { prisma } from "@/server/db";
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

/** Admin-only, audited with before and after in the same transaction. */
export async function updateDetectionSettings(input: TDetectionSettingsInput, actor: TPrincipal): Promise<TDetectionSettings> {
  return prisma.$transaction(async (tx) => {
    await tx.$executeRaw`select 1 from "DetectionSettings" where id = 1 for update`;
    const before = await getDetectionSettings(tx);
    const data = { ...input, updatedBy: actor.name };
    await tx.detectionSettings.upsert({ where: { id: 1 }, create: { id: 1, ...data }, update: data });
    const after = await getDetectionSettings(tx);
    await writeAudit({ actor, action: "detectionSettings.update", targetType: "detectionSettings", targetId: 1, before: auditView(before), after: auditView(after) }, tx);
    return after;
  });
}

const auditView = ({ updatedAt: _at, updatedBy: _by, ...settings }: TDetectionSettings) => settings;
