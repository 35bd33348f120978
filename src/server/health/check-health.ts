import "server-only";
import { prisma } from "@/server/db";
import { huntingStoreStatus } from "@/server/hunting/store/hunting-store";

export type THealth = {
  status: "ok" | "degraded";
  db: "ok" | "down";
  /** Where advanced hunting runs, and how far the ClickHouse copy is behind PostgreSQL (when one is configured). */
  hunting?: {
    store: "postgres" | "clickhouse";
    replica: "off" | "embedded" | "server";
    lagSeconds: number;
    pending: number;
    isCaughtUp: boolean;
  };
};

export async function checkHealth(): Promise<THealth> {
  try {
    await prisma.$queryRaw`select 1`;
  } catch {
    return { status: "degraded", db: "down" };
  }
  const replica = await huntingStoreStatus();
  const hunting = {
    store: replica.isCaughtUp ? ("clickhouse" as const) : ("postgres" as const),
    replica: replica.store === "postgres" ? ("off" as const) : replica.store,
    lagSeconds: Math.round(replica.lagSeconds * 10) / 10,
    pending: replica.pending,
    isCaughtUp: replica.isCaughtUp,
  };
  return { status: "ok", db: "ok", hunting };
}
