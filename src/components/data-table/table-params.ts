/**
 * The URL contract of every list page, shared by the client table and the server page that reads it.
 * Pure and free of "use client", so a server component can call it on its `searchParams`.
 * Parsing is lenient on purpose: a hand-edited or stale URL falls back to defaults instead of erroring.
 */

export type SearchParamsRecord = Record<string, string | string[] | undefined>;

/** `sort=createdAt` is ascending, `sort=-createdAt` descending. */
export type SortState = { field: string; desc: boolean };

export type TableParams = { page: number; pageSize: number; sort: SortState | null };

export const DEFAULT_PAGE_SIZE = 25;
export const MAX_PAGE_SIZE = 100;
export const PAGE_SIZE_OPTIONS: readonly number[] = [10, 25, 50, 100];

type RawParam = string | string[] | null | undefined;

function firstValue(value: RawParam): string | undefined {
  const single = Array.isArray(value) ? value[0] : value;
  return single ?? undefined;
}

function parsePositiveInt(value: RawParam): number | undefined {
  const text = firstValue(value)?.trim();
  if (!text || !/^\d+$/.test(text)) return undefined;
  const number = Number(text);
  return number >= 1 && Number.isSafeInteger(number) ? number : undefined;
}

/** 1-based; anything unreadable is page 1. */
export function parsePage(value: RawParam): number {
  return parsePositiveInt(value) ?? 1;
}

/** Defaults to 25; above 100 is clamped to 100 rather than rejected. */
export function parsePageSize(value: RawParam): number {
  const size = parsePositiveInt(value);
  return size === undefined ? DEFAULT_PAGE_SIZE : Math.min(size, MAX_PAGE_SIZE);
}

const SORT_FIELD = /^[A-Za-z][A-Za-z0-9_.]*$/;

export function parseSort(value: RawParam): SortState | null {
  const text = firstValue(value)?.trim();
  if (!text) return null;
  const desc = text.startsWith("-");
  const field = desc ? text.slice(1) : text;
  return SORT_FIELD.test(field) ? { field, desc } : null;
}

export function serializeSort(sort: SortState | null): string | null {
  return sort ? `${sort.desc ? "-" : ""}${sort.field}` : null;
}

/** Multi-value filters travel as one comma-separated param: `severity=high,medium`. */
export function parseListParam(value: RawParam): string[] {
  const values = (Array.isArray(value) ? value : [value ?? ""]).flatMap((part) => part.split(","));
  return [...new Set(values.map((part) => part.trim()).filter(Boolean))];
}

export function getParam(params: SearchParamsRecord | URLSearchParams, name: string): string | undefined {
  const raw = params instanceof URLSearchParams ? params.get(name) : params[name];
  return firstValue(raw)?.trim() || undefined;
}

type ReadTableParamsOptions = {
  /** The fields the API can sort by; any other `sort` falls back to `defaultSort`. */
  sortFields?: readonly string[];
  defaultSort?: SortState | null;
};

export function readTableParams(
  params: SearchParamsRecord | URLSearchParams,
  { sortFields, defaultSort = null }: ReadTableParamsOptions = {},
): TableParams {
  const read = (name: string) => (params instanceof URLSearchParams ? params.get(name) : params[name]);
  const sort = parseSort(read("sort"));
  const isAllowed = sort !== null && (sortFields === undefined || sortFields.includes(sort.field));
  return {
    page: parsePage(read("page")),
    pageSize: parsePageSize(read("pageSize")),
    sort: isAllowed ? sort : defaultSort,
  };
}

/** The DataTable props that come straight from a list answer (`{ items, total, page, pageSize }`) and its sort. */
export function pageProps<TRow>(
  data: { items: TRow[]; total: number; page: number; pageSize: number },
  sort: string | null | undefined,
) {
  return { rows: data.items, total: data.total, page: data.page, pageSize: data.pageSize, sort: parseSort(sort) };
}
