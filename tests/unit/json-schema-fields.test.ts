import { describe, expect, it } from "vitest";
import { z } from "zod";
import { schemaAlternatives, schemaFields, schemaType } from "@/lib/json-schema-fields";

const toJson = (schema: z.ZodType) => z.toJSONSchema(schema, { io: "input" }) as Record<string, unknown>;

describe("JSON Schema as rows", () => {
  it("names each field with a short type, nested fields dotted", () => {
    const schema = z.object({
      ids: z.array(z.number().int().min(1).max(500)),
      decision: z.enum(["approve", "reject"]),
      comment: z.string().describe("Why").optional(),
      filters: z.object({ from: z.email(), tags: z.array(z.object({ name: z.string() })) }),
    });
    expect(schemaFields(toJson(schema))).toEqual([
      { name: "ids", type: "integer 1–500[]", isRequired: true },
      { name: "decision", type: '"approve" | "reject"', isRequired: true },
      { name: "comment", type: "string", isRequired: false, description: "Why" },
      { name: "filters", type: "object", isRequired: true },
      { name: "filters.from", type: "string (email)", isRequired: true },
      { name: "filters.tags", type: "object[]", isRequired: true },
      { name: "filters.tags[].name", type: "string", isRequired: true },
    ]);
  });

  it("splits a union into its alternatives and says `any` for what it cannot name", () => {
    const union = toJson(z.union([z.object({ a: z.string() }), z.object({ b: z.number() })]));
    expect(schemaAlternatives(union).map((alternative) => schemaFields(alternative)[0].name)).toEqual(["a", "b"]);
    expect(schemaType({})).toBe("any");
    expect(schemaType(toJson(z.union([z.string(), z.null()])))).toBe("string | null");
  });
});
