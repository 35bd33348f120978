import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { announceSenderChange } from "@/server/mail-system/policy/sender-changes";
import type { TExecution } from "@/server/connectors/execution.types";

type TTarget = { mailbox?: string; ruleId?: string; methodId?: string; consentId?: string; assignmentId?: string };
/** Who decided the action: a release records its releaser, as one from the Restricted users page does. */
type TDecider = { id: string | null; name: string };

/** The remedies on an account and its mailbox configuration (seeds/003's response steps), on the tenant store. */
export async function executeIdentityAction(type: string, target: TTarget, tx: Prisma.TransactionClient, decider: TDecider): Promise<TExecution> {
  const now = new Date();
  const mailbox = target.mailbox ? await tx.mailbox.findUnique({ where: { address: target.mailbox } }) : null;
  if (!mailbox) return failed(`Mailbox ${target.mailbox ?? "(none)"} no longer exists`);
  const changed = await (async (): Promise<number> => {
    switch (type) {
      case "removeForwarding":
        return (await tx.mailbox.updateMany({ where: { id: mailbox.id, forwardingSmtpAddress: { not: null } }, data: { forwardingSmtpAddress: null, deliverToMailboxAndForward: false } })).count;
      case "removeForwardingRule":
        return (await tx.inboxRule.deleteMany({ where: { id: target.ruleId, mailboxId: mailbox.id } })).count;
      case "disableInboxRule":
        return (await tx.inboxRule.updateMany({ where: { id: target.ruleId, mailboxId: mailbox.id, isEnabled: true }, data: { isEnabled: false } })).count;
      case "revokeSessions":
        return (await tx.userSession.updateMany({ where: { mailboxId: mailbox.id, revokedAt: null }, data: { revokedAt: now } })).count;
      case "disableAccount":
        return (await tx.mailbox.updateMany({ where: { id: mailbox.id, isAccountEnabled: true }, data: { isAccountEnabled: false } })).count;
      case "resetPassword":
        // A new password also ends every session signed in with the old one.
        await tx.userSession.updateMany({ where: { mailboxId: mailbox.id, revokedAt: null }, data: { revokedAt: now } });
        return (await tx.mailbox.updateMany({ where: { id: mailbox.id }, data: { passwordChangedAt: now } })).count;
      case "removeMfaMethod":
        return (await tx.mfaMethod.updateMany({ where: { id: target.methodId, mailboxId: mailbox.id, isRemoved: false }, data: { isRemoved: true } })).count;
      case "revokeAppConsent":
        return (await tx.appConsent.updateMany({ where: { id: target.consentId, mailboxId: mailbox.id, revokedAt: null }, data: { revokedAt: now } })).count;
      case "removeAdminRole":
        return (await tx.roleAssignment.updateMany({ where: { id: target.assignmentId, mailboxId: mailbox.id, removedAt: null }, data: { removedAt: now } })).count;
      case "releaseUser": {
        const released = await tx.restrictedUser.updateMany({
          where: { address: mailbox.address, releasedAt: null },
          data: { releasedAt: now, releasedById: decider.id, releasedByName: decider.name, releaseReason: "Release user, approved in the Action center" },
        });
        // The SMTP sender policy service reloads on this, so the very next message is accepted.
        if (released.count) await announceSenderChange(mailbox.address, tx);
        return released.count;
      }
      default:
        throw new Error(`unknown action type ${type}`);
    }
  })();
  // Already undone by someone else (an admin in the mail system) counts as done, not as a failure.
  return { succeeded: changed ? 1 : 0, failed: 0, alreadyInDestination: changed ? 0 : 1, failures: {} };
}

const failed = (reason: string): TExecution => ({ succeeded: 0, failed: 1, alreadyInDestination: 0, failures: { [reason]: 1 } });
