// Reads JSON Schema (as z.toJSONSchema writes it) into rows a person can scan: the API page's parameter and body tables.

export type TJsonSchema = { [key: string]: unknown };

export type TSchemaField = { name: string; type: string; isRequired: boolean; description?: string };

const MAX_ENUM_SHOWN = 8;
const MAX_DEPTH = 3;

const asSchema = (value: unknown): TJsonSchema =>
  typeof value === "object" && value !== null ? (value as TJsonSchema) : {};

/** A short type: `string (email)`, `integer 1–100`, `"approve" | "reject"`, `string[]`, `any`. */
export function schemaType(schema: TJsonSchema): string {
  if (Array.isArray(schema.enum)) {
    const shown = schema.enum.slice(0, MAX_ENUM_SHOWN).map((value) => JSON.stringify(value));
    return schema.enum.length > MAX_ENUM_SHOWN ? `${shown.join(" | ")} | …` : shown.join(" | ");
  }
  if ("const" in schema) return JSON.stringify(schema.const);
  const alternatives = (schema.anyOf ?? schema.oneOf) as unknown[] | undefined;
  if (Array.isArray(alternatives))
    return [...new Set(alternatives.map((alternative) => schemaType(asSchema(alternative))))].join(" | ");
  if (Array.isArray(schema.type)) return schema.type.map((type) => schemaType({ ...schema, type })).join(" | ");
  switch (schema.type) {
    case "array":
      return `${schemaType(asSchema(schema.items))}[]`;
    case "string":
      return typeof schema.format === "string" ? `string (${schema.format})` : "string";
    case "integer":
    case "number": {
      const min = schema.minimum ?? schema.exclusiveMinimum;
      const max =
        typeof schema.maximum === "number" && schema.maximum < Number.MAX_SAFE_INTEGER ? schema.maximum : undefined;
      const range =
        min !== undefined && max !== undefined
          ? ` ${min}–${max}`
          : min !== undefined
            ? ` ≥ ${min}`
            : max !== undefined
              ? ` ≤ ${max}`
              : "";
      return `${schema.type}${range}`;
    }
    case undefined:
      return "any";
    default:
      return String(schema.type);
  }
}

/** One row per field of an object schema; nested objects as `a.b`, objects in arrays as `a[].b`. */
export function schemaFields(schema: TJsonSchema, prefix = "", depth = 0): TSchemaField[] {
  const properties = asSchema(schema.properties);
  const required = Array.isArray(schema.required) ? schema.required : [];
  return Object.entries(properties).flatMap(([key, value]) => {
    const property = asSchema(value);
    const name = `${prefix}${key}`;
    const row: TSchemaField = {
      name,
      type: schemaType(property),
      isRequired: required.includes(key),
      ...(typeof property.description === "string" ? { description: property.description } : {}),
    };
    if (depth >= MAX_DEPTH) return [row];
    const items = asSchema(property.items);
    if (property.type === "object" && property.properties)
      return [row, ...schemaFields(property, `${name}.`, depth + 1)];
    if (property.type === "array" && items.type === "object" && items.properties)
      return [row, ...schemaFields(items, `${name}[].`, depth + 1)];
    return [row];
  });
}

/** A union body (this or that) as its alternatives; any other schema as itself. */
export function schemaAlternatives(schema: TJsonSchema): TJsonSchema[] {
  const alternatives = (schema.anyOf ?? schema.oneOf) as unknown[] | undefined;
  return Array.isArray(alternatives) ? alternatives.map(asSchema) : [schema];
}
