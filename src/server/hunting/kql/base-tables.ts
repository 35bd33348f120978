// A hunting table as the first stage of a query: the stored rows with Defender's column names and Kusto's types.
// Kusto strings are never null and NetworkMessageId is a string, so nullable text reads as "" and uuids as text.
// PostgreSQL's stages carry a uuid column that is never null as the uuid itself (isStoredUuid), read as text by every
// expression: a join or `in` on two of them then compares the stored values, which their indexes serve.
import { HUNTING_TABLES, type THuntingColumn, type THuntingModel, type THuntingTable } from "@/lib/hunting-schema";
import type { TKqlType } from "./kql-types";
import { POSTGRES, type TDialect } from "./dialect";
import { ident, join, sql, textParam, type TSql } from "./sql";

/** Where storage differs from the Kusto type; tests/integration/hunting-query checks these against the database. */
export const STORAGE = {
  uuidFields: new Set(["networkMessageId"]),
  arrayFields: new Set(["additionalActions"]),
  nullableFields: {
    EmailEvent: new Set([
      "senderIPv4",
      "latestDeliveryAction",
      "bodyFingerprint",
      "additionalActions",
      "bulkComplaintLevel",
      "emailClusterId",
    ]),
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
export const DERIVED_COLUMNS: Record<string, (dialect: TDialect) => TSql> = {
  "IdentityLogonEvents.AccountName": (dialect) => dialect.splitPart(field("accountUpn"), "@", 1),
  "IdentityLogonEvents.AccountDomain": (dialect) => dialect.splitPart(field("accountUpn"), "@", 2),
  "IdentityLogonEvents.Location": () =>
    sql`(CASE WHEN coalesce(${field("city")}, ${""}::text) = ${""}::text THEN ${field("countryCode")} ELSE concat(${field("city")}, ${", "}::text, ${field("countryCode")}) END)`,
};

/**
 * `isNotNull`: a table column that never holds null, so sorting on it needs no NULLS clause (and can use an index).
 * `isStoredUuid`: the stage holds the stored uuid, not its text (read it through columnValue).
 */
export type TColumn = { name: string; type: TKqlType; alias: string; isNotNull?: boolean; isStoredUuid?: boolean };

export function findTable(name: string): THuntingTable | undefined {
  return HUNTING_TABLES.find((table) => table.name === name);
}

/** A uuid column that never holds null, kept as the uuid itself in PostgreSQL (a nullable one reads as "" for null). */
const isStoredUuid = (table: THuntingTable, column: THuntingColumn, dialect: TDialect): boolean =>
  dialect.name === "postgres" &&
  column.field !== null &&
  STORAGE.uuidFields.has(column.field) &&
  !STORAGE.nullableFields[table.model].has(column.field);

function columnSql(table: THuntingTable, column: THuntingColumn, dialect: TDialect): TSql {
  if (column.field === null) {
    const derived = DERIVED_COLUMNS[`${table.name}.${column.name}`];
    if (derived) return derived(dialect);
    return column.type === "string" ? textParam("") : sql`NULL::${dialect.type(column.type)}`;
  }
  const stored = field(column.field);
  if (isStoredUuid(table, column, dialect)) return stored;
  if (STORAGE.arrayFields.has(column.field)) return dialect.jsonArray(stored);
  if (STORAGE.widenedFields.has(column.field)) return sql`${stored}::bigint`;
  const text = STORAGE.uuidFields.has(column.field) ? sql`${stored}::text` : stored;
  return column.type === "string" && STORAGE.nullableFields[table.model].has(column.field)
    ? sql`coalesce(${text}, ${""}::text)`
    : text;
}

/** `SELECT <every column, as Defender names it> FROM "<Model>"`, and the columns it yields. */
export function baseTableSelect(table: THuntingTable, dialect: TDialect = POSTGRES): { sql: TSql; columns: TColumn[] } {
  const isNotNull = (column: THuntingColumn) =>
    column.type === "string" ||
    (column.field === null
      ? `${table.name}.${column.name}` in DERIVED_COLUMNS
      : !STORAGE.nullableFields[table.model].has(column.field));
  const columns = table.columns.map((column) => ({
    name: column.name,
    type: column.type as TKqlType,
    alias: column.name,
    isNotNull: isNotNull(column),
    ...(isStoredUuid(table, column, dialect) ? { isStoredUuid: true } : {}),
  }));
  const list = join(table.columns.map((column) => sql`${columnSql(table, column, dialect)} AS ${ident(column.name)}`));
  return { sql: sql`SELECT ${list} FROM ${dialect.table(table.model)}`, columns };
}
