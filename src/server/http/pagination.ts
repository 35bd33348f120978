import { z } from "zod";
import { INT4_MAX } from "./list-filters";

export const MAX_PAGE_SIZE = 100;
/** Far past any list's end, and small enough that the offset it makes fits the database's integer. */
export const MAX_PAGE = Math.floor(INT4_MAX / MAX_PAGE_SIZE);

/**
 * The one list contract: `page` (1-based), `pageSize` (≤ 100) and `sort` (`field` or `-field`, from a fixed list).
 * A sort outside the list is a 400 on the API; pages pass `lenient: true`, where a bad URL falls back to defaults.
 */
export function ZListQuery<const TSort extends readonly [string, ...string[]]>(
  sortFields: TSort,
  defaultSort: `${"" | "-"}${TSort[number]}`,
) {
  const sortValues = sortFields.flatMap((field) => [field, `-${field}`]) as [string, ...string[]];
  return z.object({
    page: z.coerce.number().int().min(1).max(MAX_PAGE).default(1),
    pageSize: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(25),
    sort: z.enum(sortValues).default(defaultSort),
  });
}

export type TListQuery = { page: number; pageSize: number; sort: string };

export type TPage<T> = { items: T[]; total: number; page: number; pageSize: number };

export function orderFromSort(sort: string): { field: string; direction: "asc" | "desc" } {
  return sort.startsWith("-") ? { field: sort.slice(1), direction: "desc" } : { field: sort, direction: "asc" };
}

export const skipTake = ({ page, pageSize }: TListQuery) => ({ skip: (page - 1) * pageSize, take: pageSize });

/**
 * For pages: a hand-edited or stale URL should not break the page, so each invalid parameter is dropped and
 * falls back to its default (the API, by contrast, answers 400).
 */
export function parseLenient<T extends z.ZodType>(
  schema: T,
  searchParams: Record<string, string | string[] | undefined>,
): z.output<T> {
  const record: Record<string, string> = {};
  for (const [key, value] of Object.entries(searchParams)) {
    const single = Array.isArray(value) ? value[0] : value;
    if (single !== undefined && single !== "") record[key] = single;
  }
  for (;;) {
    const result = schema.safeParse(record);
    if (result.success) return result.data;
    const badKeys = result.error.issues.map((issue) => String(issue.path[0] ?? "")).filter((key) => key in record);
    if (!badKeys.length) return schema.parse({});
    for (const key of badKeys) delete record[key];
  }
}
