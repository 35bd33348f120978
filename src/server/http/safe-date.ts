import { z } from "zod";

// PostgreSQL's timestamps run from 4713 BC to 294276 AD, JavaScript's from -271821 to 275760, and PostgreSQL
// reads no year 0 nor a six-digit ISO year: a date outside the years 1 to 9999 fails the query (a 500). A date a
// client sends is held to those years here, a 400 naming the field.
export const MIN_DATE = new Date("0001-01-01T00:00:00.000Z");
export const MAX_DATE = new Date("9999-12-31T23:59:59.999Z");
const OUT_OF_RANGE = "must be a date in the years 1 to 9999";

/** A date in a query string or a body (ISO 8601, or anything `new Date()` reads), in the years 1 to 9999. */
export const ZDate = z.coerce
  .date({ error: "must be a date, e.g. 2026-01-31 or 2026-01-31T09:30:00Z" })
  .min(MIN_DATE, { error: OUT_OF_RANGE })
  .max(MAX_DATE, { error: OUT_OF_RANGE });

/** For ISO strings kept as strings (ingestion): the same years. */
export const isStorableDate = (text: string) => {
  const time = Date.parse(text);
  return time >= MIN_DATE.getTime() && time <= MAX_DATE.getTime();
};
export const STORABLE_DATE_ERROR = OUT_OF_RANGE;
