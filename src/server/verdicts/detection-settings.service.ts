import "server-only";
import { z } from "zod";
import { Prisma } from "@/generated/prisma/client";
import type { TPrincipal } from "@/server/auth/principal";
import { BUILT_IN_SHARED_HOSTS } from "@/server/campaigns/shared-hosts";
import { prisma } from "@/server/db";
import { saveSettingsRow } from "@/server/settings/save-settings-row";
import { BUILT_IN_BRANDS, type TBrand } from "./brands";
import type { TDetectionSettingsInput } from "./detection-settings.schemas";

export type TDetectionSettings = {
  trustedAuthservIds: string[];
  customBrands: { name: string; domains: string[] }[];
  learningDays: number;
  /** Reports sharing a campaign key within this many days are one campaign. */
  campaignWindowDays: number;
  /** Hosts that link no reports and teach nothing (the built-in list until an admin edits it). */
  sharedHosts: string[];
  /** False while sharedHosts is the built-in list. */
  isSharedHostsEdited: boolean;
  updatedAt: Date | null;
  updatedBy: string | null;
};

const DEFAULTS: TDetectionSettings = {
  trustedAuthservIds: [],
  customBrands: [],
  learningDays: 90,
  campaignWindowDays: 7,
  sharedHosts: [...BUILT_IN_SHARED_HOSTS],
  isSharedHostsEdited: false,
  updatedAt: null,
  updatedBy: null,
};
const ZStoredHosts = z.array(z.string()).nullable().catch(null);
const ZStoredBrands = z.array(z.object({ name: z.string(), domains: z.array(z.string()) })).catch([]);

type TDb = Pick<Prisma.TransactionClient, "detectionSettings">;

export async function getDetectionSettings(db: TDb = prisma): Promise<TDetectionSettings> {
  const row = await db.detectionSettings.findUnique({ where: { id: 1 } });
  if (!row) return DEFAULTS;
  const sharedHosts = ZStoredHosts.parse(row.sharedHosts ?? null);
  return {
    trustedAuthservIds: row.trustedAuthservIds,
    customBrands: ZStoredBrands.parse(row.customBrands),
    learningDays: row.learningDays,
    campaignWindowDays: row.campaignWindowDays,
    sharedHosts: sharedHosts ?? [...BUILT_IN_SHARED_HOSTS],
    isSharedHostsEdited: sharedHosts !== null,
    updatedAt: row.updatedAt,
    updatedBy: row.updatedBy,
  };
}

/** The built-in brands and the admin's own, which may add domains to a built-in brand of the same name. */
export function brandsOf(settings: TDetectionSettings): TBrand[] {
  const custom = settings.customBrands.map((brand) => ({
    name: brand.name,
    aliases: [brand.name.toLowerCase()],
    domains: brand.domains,
  }));
  const merged = BUILT_IN_BRANDS.map((brand) => {
    const extra = custom.find((candidate) => candidate.name.toLowerCase() === brand.name.toLowerCase());
    return extra ? { ...brand, domains: [...new Set([...brand.domains, ...extra.domains])] } : brand;
  });
  return [
    ...merged,
    ...custom.filter(
      (brand) => !BUILT_IN_BRANDS.some((known) => known.name.toLowerCase() === brand.name.toLowerCase()),
    ),
  ];
}

/** Admin-only, audited. */
export function updateDetectionSettings(
  input: TDetectionSettingsInput,
  actor: TPrincipal,
): Promise<TDetectionSettings> {
  // sharedHosts: null restores the built-in list; left out, the list stays as it is.
  const { sharedHosts, ...rest } = input;
  const data = {
    ...rest,
    ...(sharedHosts === undefined ? {} : { sharedHosts: sharedHosts === null ? Prisma.DbNull : sharedHosts }),
  };
  return saveSettingsRow("DetectionSettings", actor, getDetectionSettings, (tx, updatedBy) =>
    tx.detectionSettings.upsert({
      where: { id: 1 },
      create: { id: 1, ...data, updatedBy },
      update: { ...data, updatedBy },
    }),
  );
}
