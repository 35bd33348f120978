import { describe, expect, it } from "vitest";
import { prisma } from "@/server/db";
import { diffMigrationsToSchema } from "@/server/db/schema-engine";

describe("migrations", () => {
  it("give a fresh database every table of the schema", async () => {
    const rows = await prisma.$queryRaw<{ table_name: string }[]>`
      select table_name from information_schema.tables where table_schema = 'public' order by table_name`;
    const tables = rows.map((row) => row.table_name);
    for (const table of [
      "EmailEvent",
      "EmailUrlInfo",
      "EmailAttachmentInfo",
      "Alert",
      "Investigation",
      "Action",
      "AuditLog",
      "User",
      "ApiToken",
      "_prisma_migrations",
    ]) {
      expect(tables).toContain(table);
    }
  });

  it("cover every change in schema.prisma (a schema change without a migration fails here)", async () => {
    expect(await diffMigrationsToSchema(process.env.DATABASE_URL!)).toBe("");
  });
});
