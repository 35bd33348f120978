// A hunting table as the first stage of a query: the stored rows with Defender's column names and Kusto's types.
// Kusto strings are never null and NetworkMessageId is a string, so nullable text reads as "" and uuids as text.
import { HUNTING_TABLES, type THuntingColumn, type THuntingModel, type THuntingTable } from "@/lib/hunting-schema";
import type { TKqlType } from "./kql-types";
import { PG_TYPES } from "./kql-types";
import { ident, join, sql, textParam, type TSql } from "./sql";

/** Where storage differs from the Kusto type; tests/integration/hunting-query checks these against the database. */
export const STORAGE = {
  uuidFields: new Set(["networkMessageId"]),
  arrayFields: new Set(["additionalActions"]),
  nullableFields: {
    EmailEvent: new Set(["senderIPv4", "latestDeliveryAction", "bodyFingerprint", "additionalActions", "bulkComplaintLevel", "emailClusterId"]),
    EmailUrlInfo: new Set<string>(),
    EmailAttachmentInfo: new Set<string>(),
    EmailPostDeliveryEvent: new Set(["actionId"]),
    UrlClickEvent: new Set(["networkMessageId"]),
    IdentityLogonEvent: new Set(["failureReason", "deviceName", "city", "isp"]),
  } satisfies Record<THuntingModel, ReadonlySet<string>>,
  /** Fields stored as int whose Kusto type is long. */
  widenedFields: new Set(["emailSize", "fileSize"]),
};

const field = (name: string) => ident(name);

/** Columns Breakwater computes from others, by table and column (their `field` is null in the schema). */
export const DERIVED_COLUMNS: Record<string, () => TSql> = {
  "IdentityLogonEvents.AccountName": () => sql`split_part(${field("accountUpn")}, ${"@"}::text, 1)`,
  "IdentityLogonEvents.AccountDomain": () => sql`split_part(${field("accountUpn")}, ${"@"}::text, 2)`,
  "IdentityLogonEvents.Location": () => sql`concat_ws(${", "}::text, nullif(${field("city")}, ${""}::text), ${field("countryCode")})`,
};

/** `isNotNull`: a table column that never holds null, so sorting on it needs no NULLS clause (and can use an index). */
export type TColumn = { name: string; type: TKqlType; alias: string; isNotNull?: boolean };

export function findTable(name: string): THuntingTable | undefined {
  return HUNTING_TABLES.find((table) => table.name === name);
}

function columnSql(table: THuntingTable, column: THuntingColumn): TSql {
  if (column.field === null) {
    const derived = DERIVED_COLUMNS[`${table.name}.${column.name}`];
    if (derived) return derived();
    return column.type === "string" ? textParam("") : sql`NULL::${PG_TYPES[column.type]}`;
  }
  const stored = field(column.field);
  if (STORAGE.arrayFields.has(column.field)) return sql`to_jsonb(${stored})`;
  if (STORAGE.widenedFields.has(column.field)) return sql`${stored}::bigint`;
  const text = STORAGE.uuidFields.has(column.field) ? sql`${stored}::text` : stored;
  return column.type === "string" && STORAGE.nullableFields[table.model].has(column.field) ? sql`coalesce(${text}, ${""}::text)` : text;
}

/** `SELECT <every column, as Defender names it> FROM "<Model>"`, and the columns it yields. */
export function baseTableSelect(table: THuntingTable): { sql: TSql; columns: TColumn[] } {
  const isNotNull = (column: THuntingColumn) =>
    column.type === "string" || (column.field === null ? `${table.name}.${column.name}` in DERIVED_COLUMNS : !STORAGE.nullableFields[table.model].has(column.field));
  const columns = table.columns.map((column) => ({ name: column.name, type: column.type as TKqlType, alias: column.name, isNotNull: isNotNull(column) }));
  const list = join(table.columns.map((column) => sql`${columnSql(table, column)} AS ${ident(column.name)}`));
  return { sql: sql`SELECT ${list} FROM ${ident(table.model)}`, columns };
}
