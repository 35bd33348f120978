// What the organisation knows that a check may weigh. Loaded once per message (load-tenant-context.ts); the checks
// read it and never query themselves, so they stay pure and the eval runs them with no database.
import type { TIndicatorMatch } from "@/server/intel/intel.queries";
import type { TBrand } from "./brands";

export type TLearnedMatch = {
  kind: string;
  value: string;
  assessment: string;
  decidedBy: string;
  decidedAt: Date;
  submissionId: string | null;
  clusterId: number | null;
};

export type TTenantContext = {
  orgDomains: string[];
  /** People of the organisation whose display name reads like the sender's. */
  orgPeople: string[];
  brands: TBrand[];
  /** Authserv-ids of the receiving servers whose Authentication-Results count; empty: the topmost header only. */
  trustedAuthservIds: string[];
  indicators: TIndicatorMatch[];
  malwareHashes: Set<string>;
  clickedThreats: Map<string, { threatTypes: string; actionTypes: string }>;
  /** null: unknown (no store to ask), so "new" signals stay silent. */
  seenUrlHosts: Set<string> | null;
  isSenderDomainSeen: boolean | null;
  /** Messages the organisation sent to the sender's address and received from it before this one. */
  correspondence: { sentTo: number; receivedFrom: number } | null;
  learned: TLearnedMatch[];
};

export function emptyTenantContext(overrides: Partial<TTenantContext> = {}): TTenantContext {
  return {
    orgDomains: [],
    orgPeople: [],
    brands: [],
    trustedAuthservIds: [],
    indicators: [],
    malwareHashes: new Set(),
    clickedThreats: new Map(),
    seenUrlHosts: null,
    isSenderDomainSeen: null,
    correspondence: null,
    learned: [],
    ...overrides,
  };
}
