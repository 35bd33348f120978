import { describe, expect, it } from "vitest";
import { Prisma } from "@/generated/prisma/browser";
import { findHuntingColumn, findHuntingTable, HUNTING_TABLES, type THuntingModel } from "@/lib/hunting-schema";

// The Prisma client's own list of each model's fields: a field added to schema.prisma fails here until it is mapped.
const PRISMA_FIELDS: Record<THuntingModel, readonly string[]> = {
  EmailEvent: Object.values(Prisma.EmailEventScalarFieldEnum),
  EmailUrlInfo: Object.values(Prisma.EmailUrlInfoScalarFieldEnum),
  EmailAttachmentInfo: Object.values(Prisma.EmailAttachmentInfoScalarFieldEnum),
  EmailPostDeliveryEvent: Object.values(Prisma.EmailPostDeliveryEventScalarFieldEnum),
  IdentityLogonEvent: Object.values(Prisma.IdentityLogonEventScalarFieldEnum),
  UrlClickEvent: Object.values(Prisma.UrlClickEventScalarFieldEnum),
};

describe("hunting schema", () => {
  it("covers the six hunting tables, once each", () => {
    expect(HUNTING_TABLES.map((table) => table.model).sort()).toEqual(Object.keys(PRISMA_FIELDS).sort());
    expect(new Set(HUNTING_TABLES.map((table) => table.name)).size).toBe(HUNTING_TABLES.length);
  });

  it.each(HUNTING_TABLES.map((table) => [table.name, table] as const))(
    "maps every Prisma field of %s exactly once",
    (_name, table) => {
      // Columns with no field are Defender's that Breakwater does not record or computes (see THuntingColumn).
      const mapped = [
        ...table.columns.flatMap((column) => (column.field ? [column.field] : [])),
        ...table.hiddenFields,
      ];
      expect([...mapped].sort()).toEqual([...PRISMA_FIELDS[table.model]].sort());
      expect(new Set(mapped).size).toBe(mapped.length);
    },
  );

  it.each(HUNTING_TABLES.map((table) => [table.name, table] as const))(
    "gives %s unique PascalCase column names, starting with Timestamp",
    (_name, table) => {
      const names = table.columns.map((column) => column.name);
      expect(new Set(names).size).toBe(names.length);
      for (const name of names) expect(name).toMatch(/^[A-Z][A-Za-z0-9]*$/);
      expect(names[0]).toBe("Timestamp");
      for (const column of table.columns) expect(column.description.length).toBeGreaterThan(5);
    },
  );

  it("finds tables and columns by their exact (case-sensitive) names", () => {
    const table = findHuntingTable("EmailAttachmentInfo");
    expect(table?.model).toBe("EmailAttachmentInfo");
    expect(findHuntingColumn(table!, "SHA256")?.field).toBe("sha256");
    expect(findHuntingTable("emailevents")).toBeUndefined();
    expect(findHuntingColumn(table!, "Sha256")).toBeUndefined();
  });
});
