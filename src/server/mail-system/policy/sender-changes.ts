import "server-only";
import type { Prisma } from "@/generated/prisma/client";

/** The PostgreSQL channel on which a change to who may send is announced to every sender policy service. */
export const SENDER_CHANGES_CHANNEL = "breakwater_senders";

/**
 * Announces, inside the caller's transaction, that a sender's restriction changed. PostgreSQL delivers a NOTIFY only
 * when the transaction commits, so a listener that reloads on it reads the change, never a rolled-back one. The
 * address is the payload for whoever watches the channel (`LISTEN breakwater_senders` in psql); the policy service
 * reloads its whole set, so it cannot miss a second restriction of the same address.
 */
export async function announceSenderChange(address: string, db: Prisma.TransactionClient): Promise<void> {
  await db.$executeRaw`select pg_notify(${SENDER_CHANGES_CHANNEL}, ${address})`;
}
