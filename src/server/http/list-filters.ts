import { z } from "zod";
import { ZDate } from "./safe-date";

// Building blocks for list filters, shared by every list schema so that `severity=High,Medium` and
// `period=7d` mean the same thing on every page and route.

export const INT4_MAX = 2_147_483_647;

/** A serial id in a path, a filter or a body: a 400 for anything but a positive 32-bit integer (a bigger one failed the query). */
export const ZIntId = z.coerce.number().int().min(1).max(INT4_MAX);

export const ZIntIdParams = z.object({ id: ZIntId });

/** A Prisma enum object's values as the non-empty tuple zod wants. */
export function enumValues<T extends Record<string, string>>(values: T): [T[keyof T], ...T[keyof T][]] {
  return Object.values(values) as [T[keyof T], ...T[keyof T][]];
}

function splitList(text: string): string[] {
  return [
    ...new Set(
      text
        .split(",")
        .map((part) => part.trim())
        .filter(Boolean),
    ),
  ];
}

/**
 * A multi-value filter travelling as one comma-separated param. Values match case-insensitively
 * (`severity=high` works from a script) and come out in their stored spelling; an unknown value is a 400
 * that names the param itself rather than a position in a list. Empty (`?location=`) is an empty list, which
 * every list reads as no filter.
 */
export function ZCsvEnum<const T extends readonly [string, ...string[]]>(values: T) {
  const byLower = new Map(values.map((value) => [value.toLowerCase(), value]));
  return z
    .string()
    .max(2000)
    .transform((text, ctx) => {
      const parts = splitList(text);
      const unknown = parts.find((part) => !byLower.has(part.toLowerCase()));
      if (unknown !== undefined) {
        ctx.issues.push({
          code: "custom",
          input: text,
          message: `unknown value "${unknown}"; expected one of ${values.join(", ")}`,
        });
        return z.NEVER;
      }
      return parts.map((part) => byLower.get(part.toLowerCase()) as T[number]);
    });
}

/** A multi-value filter of free identifiers (policy slugs, action types), limited to a safe alphabet. */
export function ZCsvIdentifiers() {
  return z
    .string()
    .max(2000)
    .transform((text, ctx) => {
      const parts = splitList(text);
      const bad = parts.find((part) => !/^[A-Za-z0-9_.-]{1,100}$/.test(part));
      if (bad !== undefined) {
        ctx.issues.push({ code: "custom", input: text, message: `"${bad}" is not a valid identifier` });
        return z.NEVER;
      }
      return parts;
    });
}

export const PERIODS = {
  "24h": 86_400_000,
  "7d": 7 * 86_400_000,
  "30d": 30 * 86_400_000,
  "90d": 90 * 86_400_000,
} as const;
export type TPeriod = keyof typeof PERIODS;
export const ZPeriod = z.enum(Object.keys(PERIODS) as [TPeriod, ...TPeriod[]]);

/** `priorityAccount=true`: only what involves a priority account; `false`: only what does not. */
export const ZPriorityAccountFilter = z.stringbool({ error: 'must be "true" or "false"' }).optional();

export const ZTimeFilters = { from: ZDate.optional(), to: ZDate.optional(), period: ZPeriod.optional() };

/**
 * A Prisma date filter from `from`/`to`/`period`; the period is a shortcut for a moving `from`, and when both
 * are given the later start wins, so adding a period never widens a range.
 */
export function dateFilter(
  range: { from?: Date; to?: Date; period?: TPeriod },
  now = new Date(),
): { gte?: Date; lte?: Date } | undefined {
  const periodStart = range.period ? new Date(now.getTime() - PERIODS[range.period]) : undefined;
  const starts = [range.from, periodStart].filter((date): date is Date => date !== undefined);
  const gte = starts.length ? new Date(Math.max(...starts.map((date) => date.getTime()))) : undefined;
  if (!gte && !range.to) return undefined;
  return { ...(gte ? { gte } : {}), ...(range.to ? { lte: range.to } : {}) };
}

/** Escapes LIKE wildcards so a search for "a_b" means the text "a_b". */
export function likeContains(text: string): string {
  return `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}
