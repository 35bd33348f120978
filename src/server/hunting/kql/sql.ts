// The only ways compiled SQL gets its pieces: fixed text written here and in the compiler, identifiers that come
// from the schema map or are generated (`_s3`, `c12`), and bound parameters for every value a query supplies.
// Even our own constants ('UTC', 'day', '[]') are parameters, so the compiled text never holds a quoted literal.
import { Prisma } from "@/generated/prisma/client";

export type TSql = Prisma.Sql;

export const sql = Prisma.sql;
export const join = Prisma.join;
export const EMPTY = Prisma.empty;

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A double-quoted identifier. Callers pass schema names or generated ones; anything else is a bug, refused here. */
export function ident(name: string): TSql {
  if (!IDENTIFIER.test(name)) throw new Error(`Refusing to quote ${JSON.stringify(name)} as an identifier`);
  return Prisma.raw(`"${name}"`);
}

/** Fixed SQL text (keywords, operators, type names): only ever called with literals written in this directory. */
export const keyword = (text: string): TSql => Prisma.raw(text);

export const textParam = (value: string): TSql => sql`${value}::text`;
export const longParam = (value: string | number | bigint): TSql => sql`${String(value)}::bigint`;
export const realParam = (value: number): TSql => sql`${value}::float8`;
export const boolParam = (value: boolean): TSql => sql`${value}::boolean`;
export const jsonParam = (value: unknown): TSql => sql`${JSON.stringify(value)}::jsonb`;

/** Timestamps are UTC `timestamp without time zone`, as the tenant store keeps them. */
export const timestampParam = (value: Date): TSql =>
  sql`${value.toISOString().replace("T", " ").replace("Z", "")}::timestamp`;
export const intervalParam = (milliseconds: number): TSql => sql`make_interval(secs => ${milliseconds / 1000}::float8)`;

/** Now in UTC, fixed for the whole statement (now() is the transaction's start), as Kusto fixes now() per query. */
export const NOW_UTC = sql`(now() AT TIME ZONE ${"UTC"}::text)`;

const REGEX_SPECIALS = /[\\^$.|?*+()[\]{}]/g;
const LIKE_SPECIALS = /[\\%_]/g;

const escapeRegex = (text: string) => text.replace(REGEX_SPECIALS, "\\$&");
export const escapeLike = (text: string) => text.replace(LIKE_SPECIALS, "\\$&");

// Kusto's terms are maximal runs of ASCII letters and digits, so `has` matches the needle where no letter or digit
// touches it: lookarounds (PostgreSQL ARE supports them) rather than \m/\M, whose words also count `_`.
const NOT_AFTER_ALNUM = "(?<![0-9A-Za-z])";
const NOT_BEFORE_ALNUM = "(?![0-9A-Za-z])";
const isAlnum = (char: string | undefined) => char !== undefined && /[0-9A-Za-z]/.test(char);

/**
 * The regular expression for `has` (whole terms), `hasprefix` (a term's start) or `hassuffix` (a term's end).
 * A side gets a boundary only when the needle starts or ends with a letter or digit there: `has ".exe"` matches
 * "a.exe", as in Kusto.
 */
export function termPattern(needle: string, sides: { start: boolean; end: boolean }): string {
  const start = sides.start && isAlnum(needle[0]) ? NOT_AFTER_ALNUM : "";
  const end = sides.end && isAlnum(needle.at(-1)) ? NOT_BEFORE_ALNUM : "";
  return `${start}${escapeRegex(needle)}${end}`;
}
