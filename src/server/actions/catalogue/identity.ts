import "server-only";
import type { Mailbox } from "@/generated/prisma/client";
import { IDENTITY_ACTION_SPECS, type TIdentityActionType } from "@/lib/actions/identity-actions";
import { announceSenderChange } from "@/server/mail-system/policy/sender-changes";
import type { TExecution } from "@/server/connectors/execution.types";
import { type TActionContext, type TActionDefinition, type TActionRun, defineAction } from "./define-action";

type TChange<T extends TIdentityActionType> = (
  mailbox: Mailbox,
  target: TActionRun<T>["target"],
  context: TActionContext & { now: Date },
) => Promise<number>;

/**
 * The remedies on an account and its mailbox configuration (seeds/003's response steps), on the tenant store. Each
 * answers how many things it changed: none means someone (an admin in the mail system) already did it.
 */
const CHANGES: { [K in TIdentityActionType]: TChange<K> } = {
  removeForwarding: async (mailbox, _target, { tx }) =>
    (
      await tx.mailbox.updateMany({
        where: { id: mailbox.id, forwardingSmtpAddress: { not: null } },
        data: { forwardingSmtpAddress: null, deliverToMailboxAndForward: false },
      })
    ).count,
  removeForwardingRule: async (mailbox, target, { tx }) =>
    (await tx.inboxRule.deleteMany({ where: { id: target.ruleId, mailboxId: mailbox.id } })).count,
  disableInboxRule: async (mailbox, target, { tx }) =>
    (
      await tx.inboxRule.updateMany({
        where: { id: target.ruleId, mailboxId: mailbox.id, isEnabled: true },
        data: { isEnabled: false },
      })
    ).count,
  revokeSessions: async (mailbox, _target, { tx, now }) =>
    (await tx.userSession.updateMany({ where: { mailboxId: mailbox.id, revokedAt: null }, data: { revokedAt: now } }))
      .count,
  disableAccount: async (mailbox, _target, { tx }) =>
    (
      await tx.mailbox.updateMany({
        where: { id: mailbox.id, isAccountEnabled: true },
        data: { isAccountEnabled: false },
      })
    ).count,
  resetPassword: async (mailbox, _target, { tx, now }) => {
    // A new password also ends every session signed in with the old one.
    await tx.userSession.updateMany({ where: { mailboxId: mailbox.id, revokedAt: null }, data: { revokedAt: now } });
    return (await tx.mailbox.updateMany({ where: { id: mailbox.id }, data: { passwordChangedAt: now } })).count;
  },
  removeMfaMethod: async (mailbox, target, { tx }) =>
    (
      await tx.mfaMethod.updateMany({
        where: { id: target.methodId, mailboxId: mailbox.id, isRemoved: false },
        data: { isRemoved: true },
      })
    ).count,
  revokeAppConsent: async (mailbox, target, { tx, now }) =>
    (
      await tx.appConsent.updateMany({
        where: { id: target.consentId, mailboxId: mailbox.id, revokedAt: null },
        data: { revokedAt: now },
      })
    ).count,
  removeAdminRole: async (mailbox, target, { tx, now }) =>
    (
      await tx.roleAssignment.updateMany({
        where: { id: target.assignmentId, mailboxId: mailbox.id, removedAt: null },
        data: { removedAt: now },
      })
    ).count,
  releaseUser: async (mailbox, _target, { tx, now, actor }) => {
    // A release records its releaser, as one from the Restricted users page does.
    const released = await tx.restrictedUser.updateMany({
      where: { address: mailbox.address, releasedAt: null },
      data: {
        releasedAt: now,
        releasedById: actor.id,
        releasedByName: actor.name,
        releaseReason: "Release user, approved in the Action center",
      },
    });
    // The SMTP sender policy service reloads on this, so the very next message is accepted.
    if (released.count) await announceSenderChange(mailbox.address, tx);
    return released.count;
  },
};

async function executeIdentity(action: TActionRun<TIdentityActionType>, context: TActionContext): Promise<TExecution> {
  const mailbox = await context.tx.mailbox.findUnique({ where: { address: action.target.mailbox } });
  if (!mailbox)
    return {
      succeeded: 0,
      failed: 1,
      alreadyInDestination: 0,
      failures: { [`Mailbox ${action.target.mailbox} no longer exists`]: 1 },
    };
  const changed = await (CHANGES[action.type] as unknown as TChange<TIdentityActionType>)(mailbox, action.target, {
    ...context,
    now: new Date(),
  });
  // Already undone by someone else (an admin in the mail system) counts as done, not as a failure.
  return { succeeded: changed ? 1 : 0, failed: 0, alreadyInDestination: changed ? 0 : 1, failures: {} };
}

export const IDENTITY_ACTION_DEFINITIONS = Object.fromEntries(
  (Object.keys(IDENTITY_ACTION_SPECS) as TIdentityActionType[]).map((type) => [
    type,
    defineAction(type, executeIdentity),
  ]),
) as unknown as { [K in TIdentityActionType]: TActionDefinition<K> };
