// Where each email action puts a message, in Defender's delivery-location words, and what it is called in
// EmailPostDeliveryEvents.Action.
export const EMAIL_ACTIONS = {
  softDelete: { location: "Recoverable items", label: "Soft delete" },
  hardDelete: { location: "Deleted", label: "Hard delete" },
  moveToJunk: { location: "Junk folder", label: "Moved to junk folder" },
  moveToInbox: { location: "Inbox/folder", label: "Moved to inbox" },
  moveToDeletedItems: { location: "Deleted items", label: "Moved to deleted items" },
} as const;

export type TEmailActionType = keyof typeof EMAIL_ACTIONS;

export const isEmailAction = (type: string): type is TEmailActionType => Object.hasOwn(EMAIL_ACTIONS, type);

/**
 * The locations inside a mailbox, where an email action can reach a message. Quarantined, blocked, dropped and
 * hard-deleted copies are not in any mailbox: actions leave them alone (AIR acts on "messages in mailboxes").
 */
export const MAILBOX_LOCATIONS = ["Inbox/folder", "Junk folder", "Deleted items", "Recoverable items"] as const;

/** The two ways back from History: a remediated cluster is reverted to the Inbox or to Junk. */
export const REVERT_ACTIONS = { inbox: "moveToInbox", junk: "moveToJunk" } as const satisfies Record<string, TEmailActionType>;
export type TRevertDestination = keyof typeof REVERT_ACTIONS;

/** What Threat Explorer shows as the message's Additional action. */
export function additionalActionLabel(type: TEmailActionType, trigger: "Automation" | "AdminAction" | "Revert"): string {
  if (trigger === "Automation") return "Automated remediation: automated";
  if (trigger === "Revert") return `${EMAIL_ACTIONS[type].label}: reverted`;
  return `${EMAIL_ACTIONS[type].label}: approved`;
}
