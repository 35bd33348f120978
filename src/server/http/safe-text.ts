import { z } from "zod";

// The one text schema of every route. PostgreSQL text cannot hold NUL (the query fails, a 500), and a lone surrogate
// (`\ud800`, valid in JSON, not in UTF-8) is silently changed to U+FFFD by the driver or refused by jsonb: both are
// refused here as a 400 naming the field, before they reach a query, an audit record or a webhook.

const NUL = /\u0000/;
// With the u flag a well-formed pair is one code point; only a surrogate on its own matches.
const LONE_SURROGATE = /[\ud800-\udfff]/u;

const NUL_ERROR = "must not contain NUL characters";
const SURROGATE_ERROR = "must not contain unpaired surrogates (not valid Unicode)";

/** Adds the two checks to a string schema of another kind (an email, a URL, a pattern). */
export function safe<T extends z.ZodType<string>>(schema: T): T {
  return schema
    .refine((text) => !NUL.test(text), { error: NUL_ERROR })
    .refine((text) => !LONE_SURROGATE.test(text), { error: SURROGATE_ERROR }) as T;
}

type TTextOptions = {
  /** Trim surrounding white space first (default true); false where spaces are data (ingested subjects, hunting queries). */
  trim?: boolean;
  min?: number;
};

/** A string free of NUL and lone surrogates, at most `max` characters. */
export function ZText(max: number, { trim = true, min = 0 }: TTextOptions = {}) {
  const base = trim ? z.string().trim() : z.string();
  const sized =
    min > 0 ? base.min(min, { error: min === 1 ? "must not be empty" : `must be at least ${min} characters` }) : base;
  return safe(sized.max(max, { error: `must be at most ${max.toLocaleString("en-US")} characters` }));
}

/** Whether any string or key inside a JSON value holds NUL or a lone surrogate (jsonb refuses both). */
function unsafeTextIn(value: unknown): string | null {
  const pending: unknown[] = [value];
  while (pending.length) {
    const item = pending.pop();
    const texts = typeof item === "string" ? [item] : item && typeof item === "object" ? Object.keys(item) : [];
    for (const text of texts) {
      if (NUL.test(text)) return NUL_ERROR;
      if (LONE_SURROGATE.test(text)) return SURROGATE_ERROR;
    }
    if (item && typeof item === "object") pending.push(...Object.values(item));
  }
  return null;
}

/** Free-form JSON a route stores as it is (an inbox rule's conditions, a policy's settings): its text held to the same rules. */
export function ZSafeJson<T extends z.ZodType>(schema: T): T {
  return schema.superRefine((value, ctx) => {
    const problem = unsafeTextIn(value);
    if (problem) ctx.addIssue({ code: "custom", message: `text inside ${problem}`, input: value });
  }) as unknown as T;
}

/**
 * A free-text filter in a query string: trimmed, and empty means "not given", so a cleared search box (`?q=`) lists
 * everything rather than filtering on "".
 */
export function ZFilterText(max: number) {
  return ZText(max)
    .transform((text) => text || undefined)
    .optional();
}
