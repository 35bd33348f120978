import { defineConfig } from "prisma/config";

// Prisma 7 does not read .env, and `generate` needs no database: a harmless default keeps it working offline.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/breakwater" },
});
