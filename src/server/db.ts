import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/generated/prisma/client";

// One client per process. Next's dev server reloads modules, so keep it on globalThis to avoid leaking pools.
const globalForPrisma = globalThis as unknown as { breakwaterPrisma?: PrismaClient };

function createClient(): PrismaClient {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) throw new Error("DATABASE_URL is not set: start Breakwater with `npm start`, which provides one");
  return new PrismaClient({ adapter: new PrismaPg({ connectionString, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) }) });
}

export const prisma: PrismaClient = (globalForPrisma.breakwaterPrisma ??= createClient());
export type { PrismaClient };
