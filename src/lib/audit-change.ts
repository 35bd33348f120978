import { humanize } from "@/lib/labels";
import { formatDateTime, formatNumber } from "@/lib/utils";

// An audit entry's before and after as a reader wants them: only what changed, "Status: Pending → Completed", rather
// than two JSON documents to compare by eye.

export type TChange = { field: string; before?: string; after?: string };

const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
// Nested records are read as "Result › Success count"; deeper than this a value is shown as JSON.
const MAX_DEPTH = 2;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** One value in words: dates as the console writes them, lists joined, nothing as "none". */
export function auditValue(value: unknown): string {
  if (value === null || value === undefined || value === "") return "none";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "number") return formatNumber(value);
  if (typeof value === "string") return ISO_DATE.test(value) ? formatDateTime(value) : value;
  if (Array.isArray(value)) return value.length ? value.map(auditValue).join(", ") : "none";
  return JSON.stringify(value);
}

function flatten(value: unknown, prefix: string[], depth: number, into: Map<string, unknown>): void {
  if (isRecord(value) && depth < MAX_DEPTH && Object.keys(value).length) {
    for (const [key, item] of Object.entries(value)) flatten(item, [...prefix, key], depth + 1, into);
  } else {
    into.set(prefix.map(humanize).join(" › ") || "Value", value);
  }
}

function fields(value: unknown): Map<string, unknown> {
  const into = new Map<string, unknown>();
  if (value !== null && value !== undefined) flatten(value, [], 0, into);
  return into;
}

/** The fields that differ between `before` and `after`; a created thing lists what it was made with, a removed one what it was. */
export function auditChanges(before: unknown, after: unknown): TChange[] {
  const old = fields(before);
  const next = fields(after);
  const changes: TChange[] = [];
  for (const field of new Set([...next.keys(), ...old.keys()])) {
    const [was, is] = [old.get(field), next.get(field)];
    if (old.has(field) && next.has(field) && JSON.stringify(was) === JSON.stringify(is)) continue;
    changes.push({
      field,
      ...(old.has(field) ? { before: auditValue(was) } : {}),
      ...(next.has(field) ? { after: auditValue(is) } : {}),
    });
  }
  return changes;
}

/** "Status: Pending → Completed", "Name: Alice" (made with), "Name: Alice → removed" (taken away). */
export function changeText({ field, before, after }: TChange): string {
  if (before === undefined) return `${field}: ${after}`;
  if (after === undefined) return `${field}: ${before} → removed`;
  return `${field}: ${before} → ${after}`;
}
