import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/generated/prisma/client";

// One client per process, made on first use: `next build` imports server modules with no database around,
// and Next's dev server reloads modules, so the instance lives on globalThis.
const globalForPrisma = globalThis as unknown as { breakwaterPrisma?: PrismaClient };

function client(): PrismaClient {
  if (globalForPrisma.breakwaterPrisma) return globalForPrisma.breakwaterPrisma;
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) throw new Error("DATABASE_URL is not set: start Breakwater with `npm start`, which provides one");
  const pool = { connectionString, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) };
  return (globalForPrisma.breakwaterPrisma = new PrismaClient({ adapter: new PrismaPg(pool) }));
}

export const prisma = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const value = Reflect.get(client(), property);
    return typeof value === "function" ? value.bind(client()) : value;
  },
});

export async function disconnectPrisma(): Promise<void> {
  await globalForPrisma.breakwaterPrisma?.$disconnect();
  globalForPrisma.breakwaterPrisma = undefined;
}
