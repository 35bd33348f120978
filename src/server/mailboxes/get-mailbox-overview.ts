import "server-only";
import { prisma } from "@/server/db";
import { findMailboxConfigurations } from "./get-mailbox-configuration";

const RECENT_INVESTIGATIONS = 10;

/** A mailbox's page: its configuration now, its restriction if it is restricted, and the runs that looked at it. */
export async function getMailboxOverview(address: string) {
  const lower = address.toLowerCase();
  const [[mailbox], restriction, investigations, openAlerts] = await Promise.all([
    findMailboxConfigurations([lower]),
    prisma.restrictedUser.findFirst({
      where: { address: lower, releasedAt: null },
      orderBy: { restrictedAt: "desc" },
      select: { id: true, reason: true, restrictedAt: true },
    }),
    prisma.investigation.findMany({
      where: { users: { has: lower } },
      orderBy: { id: "desc" },
      take: RECENT_INVESTIGATIONS,
      select: { id: true, name: true, status: true, playbook: true, createdAt: true },
    }),
    prisma.alert.count({ where: { userAddress: lower, status: { not: "Resolved" } } }),
  ]);
  if (!mailbox) return null;
  return { mailbox, restriction, investigations, openAlerts };
}
