// Requests made from the OpenAPI document: for each operation, path parameters, a query string and a body drawn
// from its JSON Schemas, with hostile values mixed in at every leaf. tests/integration/fuzz-routes.int.test.ts
// sends them to the route handlers and asserts that no answer is a 5xx.
import fc from "fast-check";

export type TJsonSchema = {
  type?: string | string[];
  const?: unknown;
  enum?: unknown[];
  anyOf?: TJsonSchema[];
  oneOf?: TJsonSchema[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minItems?: number;
  maxItems?: number;
  items?: TJsonSchema;
  properties?: Record<string, TJsonSchema>;
  required?: string[];
  additionalProperties?: boolean | TJsonSchema;
};

export type TOperation = {
  method: string;
  path: string;
  parameters: { name: string; in: "query" | "path"; required: boolean; schema: TJsonSchema }[];
  requestBody?: { required: boolean; content: Record<string, { schema: TJsonSchema }> };
};

/** JSON text written as is into a body: what JSON.stringify cannot make (deep nesting, 1e400, duplicate keys). */
export class RawJson {
  constructor(readonly text: string) {}
}

const DEEP = 10_000;
const DEEP_ARRAY = new RawJson("[".repeat(DEEP) + "]".repeat(DEEP));
const DEEP_OBJECT = new RawJson(`${'{"a":'.repeat(DEEP)}1${"}".repeat(DEEP)}`);

/** Strings no route should choke on: NUL, lone surrogates, dates PostgreSQL cannot store, numbers past INT4, `%FF`. */
export const HOSTILE_STRINGS = [
  "",
  " ",
  " \t\n ",
  "\u0000",
  "a\u0000b",
  "\ud800",
  "x\udc00y",
  "\ufeff\u202e",
  "%FF",
  "%00",
  "%",
  "0000-01-01",
  "0000-01-01T00:00:00Z",
  "-000001-01-01T00:00:00Z",
  "+275760-09-13T00:00:00Z",
  "10000-01-01",
  "9999-12-31T23:59:59.999Z",
  "1970-01-01",
  "2147483648",
  "9223372036854775808",
  "-1",
  "0",
  "1e400",
  "NaN",
  "Infinity",
  "null",
  "true",
  "[]",
  "a,b,,c",
  ",",
  "'; select pg_sleep(10); --",
  "\\",
  "%_%",
  "../../etc/passwd",
  "<script>alert(1)</script>",
  "🦀".repeat(50),
  "x".repeat(5000),
] as const;

/** Any JSON value a field should refuse (or accept) without a 500: wrong types, huge numbers, deep nesting. */
export const HOSTILE_VALUES: unknown[] = [
  ...HOSTILE_STRINGS,
  null,
  true,
  false,
  0,
  -1,
  0.5,
  2_147_483_648,
  -2_147_483_649,
  Number.MAX_SAFE_INTEGER + 2,
  1e308,
  new RawJson("1e400"),
  new RawJson("-1e400"),
  new RawJson("123456789012345678901234567890"),
  [],
  [null],
  {},
  new RawJson('{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}}}'),
  DEEP_ARRAY,
  DEEP_OBJECT,
];

/** A whole body that is not what the route wants: nothing, not JSON, nesting deeper than any parser should follow. */
const HOSTILE_BODIES: RawJson[] = [
  new RawJson(""),
  new RawJson("{"),
  new RawJson("\u0000"),
  new RawJson("null"),
  new RawJson('"\\ud800"'),
  new RawJson("[".repeat(DEEP) + "]".repeat(DEEP)),
  new RawJson(`${'{"a":'.repeat(DEEP)}1${"}".repeat(DEEP)}`),
  new RawJson('{"a":1,"a":2}'),
];

/** Already-encoded query values: bytes that are not UTF-8, an encoded NUL, an encoded lone surrogate, a bare `%`. */
const RAW_QUERY_VALUES = ["%FF", "%00", "a%00b", "%ED%A0%80", "%", "%%", "%C0%AF", "+", "%2C%2C", "%E2%80%AE"];

export function serialise(value: unknown): string {
  if (value instanceof RawJson) return value.text;
  if (Array.isArray(value)) return `[${value.map(serialise).join(",")}]`;
  if (value && typeof value === "object")
    return `{${Object.entries(value)
      .map(([key, item]) => `${JSON.stringify(key)}:${serialise(item)}`)
      .join(",")}}`;
  return JSON.stringify(value) ?? "null";
}

/** A query or path value as text: JSON values' own spelling, raw JSON for the rest. */
export function asText(value: unknown): string {
  if (typeof value === "string") return value;
  return serialise(value);
}

const hostileValue = fc.constantFrom(...HOSTILE_VALUES);
const hostileString = fc.constantFrom<string>(...HOSTILE_STRINGS);

const dateTime = fc.oneof(
  fc
    .date({ min: new Date("1990-01-01"), max: new Date("2040-01-01"), noInvalidDate: true })
    .map((date) => date.toISOString()),
  fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
  fc.constantFrom(
    "2026-01-01",
    "2026-12-05T10:00:00",
    "2026-12-05T10:00:00+02:00",
    "0001-01-01T00:00:00Z",
    "9999-12-31T00:00:00Z",
  ),
);

function stringFromSchema(schema: TJsonSchema): fc.Arbitrary<string> {
  const maxLength = Math.min(schema.maxLength ?? 40, 40);
  const minLength = Math.min(schema.minLength ?? 0, maxLength);
  switch (schema.format) {
    case "date-time":
      return dateTime;
    case "email":
      return fc.emailAddress();
    case "uuid":
      return fc.uuid();
    case "ipv4":
      return fc.ipV4();
    case "uri":
      return fc.webUrl();
  }
  if (schema.pattern) {
    try {
      return fc
        .stringMatching(new RegExp(schema.pattern))
        .filter((text) => text.length <= (schema.maxLength ?? Infinity));
    } catch {
      // A pattern JavaScript cannot read: plain strings below.
    }
  }
  return fc.oneof(
    fc.string({ minLength, maxLength, unit: "grapheme-ascii" }),
    fc.string({ minLength, maxLength, unit: "binary" }),
  );
}

function numberFromSchema(schema: TJsonSchema, isInteger: boolean): fc.Arbitrary<number> {
  const min = Math.max(
    schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : -1000),
    Number.MIN_SAFE_INTEGER,
  );
  const max = Math.min(schema.maximum ?? 1_000_000, Number.MAX_SAFE_INTEGER);
  // Small values find stored rows (ids 1, 2, 3); the edges find off-by-ones.
  const small = fc.integer({ min: Math.max(min, 1), max: Math.max(Math.min(max, 20), Math.max(min, 1)) });
  const edges = fc.constantFrom(min, max);
  if (isInteger) return fc.oneof(small, edges, fc.integer({ min, max }));
  return fc.oneof(small, edges, fc.double({ min, max, noNaN: true }));
}

/** Values that fit the schema (mostly), with a hostile value in place of any leaf one time in `hostility`. */
export function fromSchema(schema: TJsonSchema, hostility = 8, depth = 0): fc.Arbitrary<unknown> {
  const valid = validFromSchema(schema, hostility, depth);
  if (!hostility) return valid;
  return fc.oneof({ weight: hostility, arbitrary: valid }, { weight: 1, arbitrary: hostileValue });
}

function validFromSchema(schema: TJsonSchema, hostility: number, depth: number): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const union = schema.anyOf ?? schema.oneOf;
  if (union) return fc.oneof(...union.map((member) => validFromSchema(member, hostility, depth)));
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case "string":
      return stringFromSchema(schema);
    case "integer":
      return numberFromSchema(schema, true);
    case "number":
      return numberFromSchema(schema, false);
    case "boolean":
      return fc.boolean();
    case "null":
      return fc.constant(null);
    case "array": {
      if (depth > 4) return fc.constant([]);
      const items = schema.items ? fromSchema(schema.items, hostility, depth + 1) : fc.jsonValue({ maxDepth: 2 });
      return fc.array(items, {
        minLength: Math.min(schema.minItems ?? 0, 3),
        maxLength: Math.min(schema.maxItems ?? 3, 3),
      });
    }
    case "object": {
      if (depth > 4 || !schema.properties)
        return fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 });
      const fields = Object.fromEntries(
        Object.entries(schema.properties).map(([name, property]) => [name, fromSchema(property, hostility, depth + 1)]),
      );
      const record = fc.record(fields, { requiredKeys: schema.required ?? [] });
      if (!hostility) return record;
      // Now and then a key the schema does not know.
      return fc
        .tuple(
          record,
          fc.option(fc.tuple(fc.constantFrom("extra", "__proto__", "constructor", ""), hostileValue), {
            freq: hostility,
          }),
        )
        .map(([value, extra]) => (extra ? Object.assign({}, value, { [extra[0]]: extra[1] }) : value));
    }
  }
  return fc.jsonValue({ maxDepth: 2 });
}

export type TFuzzRequest = {
  method: string;
  /** The URL path and query as sent. */
  url: string;
  /** What Next hands the route as `params`. */
  params: Record<string, string>;
  contentType?: string;
  body?: string;
};

/** encodeURIComponent throws on a lone surrogate; a browser sends U+FFFD in its place. */
export const encode = (text: string) =>
  encodeURIComponent(text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd"));

/** Fills `{name}` with an encoded value, as a browser would write the path. */
function fillPath(template: string, params: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => encode(params[name]));
}

function queryValue(schema: TJsonSchema, hostility: number): fc.Arbitrary<string> {
  if (!hostility) return validFromSchema(schema, 0, 0).map((value) => encode(asText(value)));
  return fc.oneof(
    { weight: hostility, arbitrary: validFromSchema(schema, hostility, 0).map((value) => encode(asText(value))) },
    { weight: 1, arbitrary: hostileString.map((text) => encode(text)) },
    { weight: 1, arbitrary: fc.constantFrom(...RAW_QUERY_VALUES) },
  );
}

function textBody(mediaType: string): fc.Arbitrary<string> {
  const line = fc.oneof(fc.string({ maxLength: 60 }), hostileString);
  if (mediaType === "text/csv") {
    const row = fc.array(
      fc.oneof(
        fc.constantFrom("url", "domain", "sha256", "ip", "sender", "Phish", "Malware", "https://evil.example/"),
        line,
      ),
      { maxLength: 5 },
    );
    return fc
      .array(row, { maxLength: 5 })
      .map((rows) => ["type,value,threatType,description", ...rows.map((row) => row.join(","))].join("\n"));
  }
  return fc.array(line, { maxLength: 10 }).map((lines) => lines.join("\r\n"));
}

function bodyOf(
  operation: TOperation,
  hostility: number,
): fc.Arbitrary<{ contentType?: string; body?: string; value?: unknown }> {
  const content = operation.requestBody?.content;
  // fetch's Request refuses a body on GET, as browsers do.
  if (operation.method === "GET" || operation.method === "HEAD") return fc.constant({});
  if (!content)
    return fc.oneof(
      { weight: hostility, arbitrary: fc.constant({}) },
      {
        weight: 1,
        arbitrary: fc
          .constantFrom(...HOSTILE_BODIES)
          .map((raw) => ({ contentType: "application/json", body: raw.text })),
      },
    );
  const bodies = Object.entries(content).map(([mediaType, { schema }]) => {
    if (mediaType === "application/json")
      return fromSchema(schema, hostility).map((value) => ({ contentType: mediaType, body: serialise(value), value }));
    if (mediaType === "application/x-ndjson")
      return fc
        .array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 })
        .map((values) => ({ contentType: mediaType, body: values.map(serialise).join("\n") }));
    return textBody(mediaType).map((body) => ({ contentType: mediaType, body }));
  });
  if (!hostility) return fc.oneof(...bodies);
  return fc.oneof(
    { weight: hostility, arbitrary: fc.oneof(...bodies) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(...HOSTILE_BODIES).map((raw) => ({ contentType: "application/json", body: raw.text })),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        {},
        { contentType: "text/plain", body: "{}" },
        { contentType: "application/json; charset=utf-16", body: "{}" },
      ),
    },
  );
}

/**
 * Requests for one operation. `known` adds real values for its path parameters (stored ids), so that a route gets
 * past "not found" into its logic; without them it still gets the schema's values and the hostile ones.
 */
export function requestsFor(
  operation: TOperation,
  known: Record<string, string[]> = {},
  hostility = 8,
): fc.Arbitrary<TFuzzRequest> {
  const pathParameters = operation.parameters.filter((parameter) => parameter.in === "path");
  const queryParameters = operation.parameters.filter((parameter) => parameter.in === "query");
  const params = fc.record(
    Object.fromEntries(
      pathParameters.map((parameter) => {
        const stored = known[parameter.name]?.length
          ? [{ weight: hostility, arbitrary: fc.constantFrom(...known[parameter.name]) }]
          : [];
        const fromDocument = validFromSchema(parameter.schema, hostility, 0).map(asText);
        return [
          parameter.name,
          fc.oneof(...stored, { weight: hostility, arbitrary: fromDocument }, { weight: 2, arbitrary: hostileString }),
        ];
      }),
    ),
  ) as fc.Arbitrary<Record<string, string>>;
  // A few parameters at a time: a request naming all twenty of a search's filters fails on the first bad one.
  const optional = queryParameters.filter((parameter) => !parameter.required);
  const query = fc
    .tuple(
      fc.record(
        Object.fromEntries(
          queryParameters
            .filter((parameter) => parameter.required)
            .map((parameter) => [parameter.name, queryValue(parameter.schema, hostility)]),
        ),
      ),
      optional.length
        ? fc
            .subarray(optional, { maxLength: Math.min(3, optional.length) })
            .chain((picked) =>
              fc.tuple(
                ...picked.map((parameter) =>
                  queryValue(parameter.schema, hostility).map((value) => [parameter.name, value] as const),
                ),
              ),
            )
        : fc.constant([]),
    )
    .map(([requiredValues, picked]) => ({ ...requiredValues, ...Object.fromEntries(picked) }));
  return fc
    .tuple(params, query, bodyOf(operation, hostility))
    .map(([paramValues, queryValues, { value: _, ...body }]) =>
      toRequest(operation, paramValues, queryValues as Record<string, string>, body),
    );
}

function toRequest(
  operation: TOperation,
  params: Record<string, string>,
  query: Record<string, string>,
  body: { contentType?: string; body?: string },
): TFuzzRequest {
  const search = Object.entries(query)
    .map(([name, value]) => `${name}=${value}`)
    .join("&");
  return {
    method: operation.method,
    url: `${fillPath(operation.path, params)}${search ? `?${search}` : ""}`,
    params,
    ...body,
  };
}

// The sweep: one hostile value at a time in each place a request carries input, on an otherwise valid request.
// Kept short (the whole file runs in CI): one value per kind of failure seen; the random runs bring the rest.
const SWEEP_TEXT = [
  "",
  "\u0000",
  "\ud800",
  "%FF",
  "0000-01-01",
  "0000-01-01T00:00:00Z",
  "2147483648",
  "-1",
  "x".repeat(5000),
];
const SWEEP_QUERY = ["", "%00", "%FF", "%ED%A0%80", "0000-01-01", "2147483648", "-1", encode("x".repeat(5000))];
const SWEEP_VALUES: unknown[] = [
  ...SWEEP_TEXT,
  null,
  {},
  [],
  2_147_483_648,
  new RawJson("1e400"),
  DEEP_ARRAY,
  DEEP_OBJECT,
];

type TFieldPath = (string | number)[];

/** The places inside a JSON body to put a hostile value: each property, and the properties of objects one level down. */
function fieldPaths(schema: TJsonSchema, depth = 0): TFieldPath[] {
  const paths: TFieldPath[] = [];
  for (const member of schema.anyOf ?? schema.oneOf ?? [schema]) {
    for (const [name, property] of Object.entries(member.properties ?? {})) {
      paths.push([name]);
      if (depth < 1) paths.push(...fieldPaths(property, depth + 1).map((path) => [name, ...path]));
    }
    if (member.items && depth < 1) paths.push([0], ...fieldPaths(member.items, depth + 1).map((path) => [0, ...path]));
  }
  return [...new Map(paths.map((path) => [JSON.stringify(path), path])).values()];
}

function withValueAt(base: unknown, path: TFieldPath, value: unknown): unknown {
  if (!path.length) return value;
  const [head, ...rest] = path;
  const container = (
    Array.isArray(base)
      ? [...base]
      : base && typeof base === "object"
        ? { ...base }
        : typeof head === "number"
          ? []
          : {}
  ) as Record<string | number, unknown>;
  container[head] = withValueAt(container[head], rest, value);
  return container;
}

/**
 * Deterministic requests for one operation: a valid request (one per member of a union body), then the same with
 * one path parameter, query parameter or body field replaced by each hostile value in turn, then hostile bodies.
 */
export function sweepFor(operation: TOperation, known: Record<string, string[]> = {}): TFuzzRequest[] {
  // The base carries only what is required, so that each variant fails (or not) on its one hostile value.
  const valid = (schema: TJsonSchema) => fc.sample(validFromSchema(schema, 0, 0), { numRuns: 1, seed: 14 })[0];
  const required = operation.parameters.filter((parameter) => parameter.in === "path" || parameter.required);
  const values = required.map((parameter) => [
    parameter.name,
    parameter.in === "path" && known[parameter.name]?.length
      ? known[parameter.name][0]
      : asText(valid(parameter.schema)),
  ]);
  const params = Object.fromEntries(
    values.filter(([name]) => required.find((parameter) => parameter.name === name)?.in === "path"),
  );
  const query = Object.fromEntries(
    values
      .filter(([name]) => required.find((parameter) => parameter.name === name)?.in === "query")
      .map(([name, value]) => [name, encode(value)]),
  );
  const requests: TFuzzRequest[] = [toRequest(operation, params, query, {})];
  for (const parameter of operation.parameters) {
    if (parameter.in === "path")
      for (const text of SWEEP_TEXT)
        requests.push(toRequest(operation, { ...params, [parameter.name]: text }, query, {}));
    else
      for (const raw of SWEEP_QUERY)
        requests.push(toRequest(operation, params, { ...query, [parameter.name]: raw }, {}));
  }
  const content = operation.method === "GET" ? undefined : operation.requestBody?.content;
  for (const [mediaType, { schema }] of Object.entries(content ?? {})) {
    if (mediaType !== "application/json") {
      for (const text of SWEEP_TEXT)
        requests.push(toRequest(operation, params, query, { contentType: mediaType, body: text }));
      continue;
    }
    for (const member of schema.anyOf ?? schema.oneOf ?? [schema]) {
      const whole = valid(member);
      const base =
        whole && typeof whole === "object" && !Array.isArray(whole)
          ? Object.fromEntries(Object.entries(whole).filter(([name]) => member.required?.includes(name)))
          : whole;
      requests.push(toRequest(operation, params, query, { contentType: mediaType, body: serialise(base) }));
      for (const path of fieldPaths(member)) {
        for (const value of SWEEP_VALUES)
          requests.push(
            toRequest(operation, params, query, {
              contentType: mediaType,
              body: serialise(withValueAt(base, path, value)),
            }),
          );
      }
    }
  }
  if (operation.method !== "GET")
    for (const raw of HOSTILE_BODIES)
      requests.push(toRequest(operation, params, query, { contentType: "application/json", body: raw.text }));
  return requests;
}

/** Every operation of an OpenAPI document. */
export function operationsOf(document: {
  paths: Record<string, Record<string, Omit<TOperation, "method" | "path">>>;
}): TOperation[] {
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({ ...operation, method: method.toUpperCase(), path })),
  );
}
