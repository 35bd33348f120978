import { isIP } from "node:net";
import { z } from "zod";
import { INDICATOR_KINDS, THREAT_TYPES, type TIndicatorKind } from "@/lib/threat-indicators";
import { ZCsvEnum } from "@/server/http/list-filters";
import { ZListQuery } from "@/server/http/pagination";
import { safe, ZFilterText, ZText } from "@/server/http/safe-text";
import { normaliseHost } from "./domain-names";

export type { TIndicatorKind, TThreatType } from "@/lib/threat-indicators";

// A whole day's feed from a vendor fits; a mistaken upload of a mail log does not get parsed into memory.
export const MAX_IMPORT_ROWS = 50_000;
export const MAX_IMPORT_BYTES = 5 << 20;

const HOST_NAME = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const SHA256 = /^[0-9a-f]{64}$/;

// Each kind stored in the one form the verdict engine looks it up by: URLs as the URL parser writes them, hosts in
// lower-case punycode, hashes and addresses in lower case.
const VALUE_OF_KIND: Record<TIndicatorKind, (value: string) => string | { error: string }> = {
  url(value) {
    try {
      const url = new URL(value);
      return url.protocol === "http:" || url.protocol === "https:"
        ? url.href
        : { error: "must be an http or https URL" };
    } catch {
      return { error: "must be an http or https URL" };
    }
  },
  domain(value) {
    const host = normaliseHost(value);
    return host && HOST_NAME.test(host) && !isIP(host) ? host : { error: "must be a domain name such as evil.example" };
  },
  sha256(value) {
    const hash = value.toLowerCase();
    return SHA256.test(hash) ? hash : { error: "must be a SHA-256 hash: 64 hexadecimal digits" };
  },
  ip(value) {
    return isIP(value) ? value.toLowerCase() : { error: "must be an IPv4 or IPv6 address" };
  },
  sender(value) {
    const address = value.toLowerCase();
    return z.email().safeParse(address).success ? address : { error: "must be an email address" };
  },
};

function hasKindAndValue(row: unknown): boolean {
  const { type, value } = row as { type?: unknown; value?: unknown };
  return INDICATOR_KINDS.includes(type as TIndicatorKind) && typeof value === "string" && value !== "";
}

/**
 * One CSV row; the threat type is read case-insensitively ("phish" from a vendor feed is Phish). The value is checked
 * against its kind even when another field failed, so one answer names every problem of the row.
 */
export const ZIndicatorRow = z
  .object({
    type: z.enum(INDICATOR_KINDS, { error: `must be one of ${INDICATOR_KINDS.join(", ")}` }),
    value: safe(
      z.string().trim().min(1, { error: "is empty" }).max(2048, { error: "is longer than 2,048 characters" }),
    ),
    threatType: z.preprocess(
      (text) =>
        typeof text === "string"
          ? (THREAT_TYPES.find((type) => type.toLowerCase() === text.trim().toLowerCase()) ?? text)
          : text,
      z.enum(THREAT_TYPES, { error: `must be one of ${THREAT_TYPES.join(", ")}` }),
    ),
    description: safe(z.string().trim().max(1000, { error: "is longer than 1,000 characters" }))
      .optional()
      .transform((text) => text || null),
  })
  .superRefine(
    (row, ctx) => {
      const value = VALUE_OF_KIND[row.type](row.value);
      if (typeof value !== "string")
        ctx.addIssue({ code: "custom", path: ["value"], message: value.error, input: row.value });
    },
    { when: ({ value }) => hasKindAndValue(value) },
  )
  // The refinement above passed, so the value is in its stored form.
  .transform((row) => ({
    kind: row.type,
    value: VALUE_OF_KIND[row.type](row.value) as string,
    threatType: row.threatType,
    description: row.description,
  }));
export type TIndicatorRow = z.output<typeof ZIndicatorRow>;

export const ZImportQuery = z.object({ source: ZText(200, { min: 1 }).optional() });

export const ZIndicatorIdParams = z.object({ id: ZText(100, { min: 1 }) });

export const ZIndicatorListQuery = ZListQuery(
  ["createdAt", "kind", "value", "threatType", "source"],
  "-createdAt",
).extend({
  kind: ZCsvEnum(INDICATOR_KINDS).optional(),
  threatType: ZCsvEnum(THREAT_TYPES).optional(),
  q: ZFilterText(200),
});
export type TIndicatorListQuery = z.output<typeof ZIndicatorListQuery>;

export type TImportResult = { imported: number; created: number; updated: number };
