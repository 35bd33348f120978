import "server-only";
import { prisma } from "@/server/db";

export type TMailboxConfiguration = NonNullable<Awaited<ReturnType<typeof findMailboxConfigurations>>>[number];

/**
 * What a compromise changes and a remedy undoes, as it stands now: forwarding, inbox rules, MFA methods, app
 * consents, admin roles and live sessions. Removed and revoked entries are left out.
 */
export async function findMailboxConfigurations(addresses: string[]) {
  const mailboxes = await prisma.mailbox.findMany({
    where: { address: { in: addresses.map((address) => address.toLowerCase()) } },
    orderBy: { address: "asc" },
    select: {
      address: true,
      displayName: true,
      department: true,
      isAccountEnabled: true,
      isPriority: true,
      forwardingSmtpAddress: true,
      passwordChangedAt: true,
      inboxRules: {
        orderBy: { createdAt: "asc" },
        select: {
          id: true,
          name: true,
          isEnabled: true,
          isHidden: true,
          forwardTo: true,
          redirectTo: true,
          deleteMessage: true,
          moveToFolder: true,
          createdAt: true,
        },
      },
      mfaMethods: {
        where: { isRemoved: false },
        orderBy: { addedAt: "asc" },
        select: { id: true, type: true, detail: true, addedAt: true },
      },
      appConsents: {
        where: { revokedAt: null },
        orderBy: { consentedAt: "asc" },
        select: { id: true, appName: true, scopes: true, consentedAt: true },
      },
      roleAssignments: {
        where: { removedAt: null },
        orderBy: { assignedAt: "asc" },
        select: { id: true, role: true, assignedAt: true },
      },
      _count: { select: { sessions: { where: { revokedAt: null } } } },
    },
  });
  return mailboxes.map(({ _count, ...mailbox }) => ({ ...mailbox, activeSessions: _count.sessions }));
}
