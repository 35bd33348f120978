// The replica's tables in ClickHouse, made from the hunting schema: each Prisma field a hunting column reads, with
// the row id, a version and a deletion mark. ReplacingMergeTree keeps, per id, the row of the highest version
// (FINAL, which every hunting query reads through, applies it at once): a batch copied twice is one row.
import { HUNTING_TABLES, type THuntingTable } from "@/lib/hunting-schema";
import { STORAGE } from "@/server/hunting/kql/base-tables";

export type TReplicaField = { field: string; chType: string; kind: "datetime" | "json" | "array" | "bigint" | "plain" };

const BASE_TYPES = {
  datetime: "DateTime64(6)",
  string: "String",
  int: "Int32",
  long: "Int64",
  bool: "Bool",
  dynamic: "String",
} as const;

/** The stored fields of a hunting table, once each (two hunting columns may read one field). */
export function replicaFields(table: THuntingTable): TReplicaField[] {
  const fields = new Map<string, TReplicaField>();
  for (const column of table.columns) {
    if (column.field === null || fields.has(column.field)) continue;
    const isArray = STORAGE.arrayFields.has(column.field);
    const isNullable = STORAGE.nullableFields[table.model].has(column.field) && !isArray;
    const base = isArray ? "Array(String)" : BASE_TYPES[column.type];
    const kind =
      column.type === "datetime"
        ? "datetime"
        : isArray
          ? "array"
          : column.type === "dynamic"
            ? "json"
            : column.type === "long"
              ? "bigint"
              : "plain";
    fields.set(column.field, { field: column.field, chType: isNullable ? `Nullable(${base})` : base, kind });
  }
  // The fields derived columns read are hunting columns of their own (AccountUpn, City, CountryCode).
  return [...fields.values()];
}

export function createTableStatement(table: THuntingTable): string {
  const columns = replicaFields(table).map(({ field, chType }) => `"${field}" ${chType}`);
  return `CREATE TABLE IF NOT EXISTS "${table.model}" ("id" Int64, ${columns.join(", ")}, "_version" UInt64, "_deleted" UInt8) ENGINE = ReplacingMergeTree("_version", "_deleted") ORDER BY "id"`;
}

/** Which copy ClickHouse holds: the replica's epoch, written once it is filled from PostgreSQL. */
export const MARKER_TABLE = "_breakwater_replica";

export const SCHEMA_STATEMENTS = [
  ...HUNTING_TABLES.map(createTableStatement),
  `CREATE TABLE IF NOT EXISTS "${MARKER_TABLE}" ("epoch" String) ENGINE = TinyLog`,
];

export const RESET_STATEMENTS = [
  ...HUNTING_TABLES.map((table) => `TRUNCATE TABLE IF EXISTS "${table.model}"`),
  `TRUNCATE TABLE IF EXISTS "${MARKER_TABLE}"`,
];
