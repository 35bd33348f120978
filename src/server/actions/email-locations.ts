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

/**
 * The mailbox folder behind each location, as every connector records a copy's folders (EmailActionResult.fromFolder,
 * toFolder), and as Dovecot names them. Hard delete ("Deleted") has none: it expunges.
 */
export const FOLDERS = {
  "Inbox/folder": "INBOX",
  "Junk folder": "Junk",
  "Deleted items": "Deleted Items",
  "Recoverable items": "Recoverable Items",
} as const satisfies Record<(typeof MAILBOX_LOCATIONS)[number], string>;

export type TFolder = (typeof FOLDERS)[keyof typeof FOLDERS];

const LOCATIONS = Object.fromEntries(Object.entries(FOLDERS).map(([location, folder]) => [folder, location])) as Record<TFolder, keyof typeof FOLDERS>;

export const folderOf = (location: string): TFolder | null => (Object.hasOwn(FOLDERS, location) ? FOLDERS[location as keyof typeof FOLDERS] : null);

/** Where Threat Explorer says a copy is, from the folder it went to; null (expunged) is Defender's "Deleted". */
export const locationOf = (folder: TFolder | null): string => (folder ? LOCATIONS[folder] : "Deleted");

/**
 * The two ways back from History. Both move back only the copies the reverted action moved, from where it put them.
 * Move to Inbox undoes it: each copy returns to the folder it was in before (the Inbox, or the Junk or Deleted Items
 * folder it had been delivered or filed to), so a copy that was in Junk before a soft delete goes back to Junk.
 * Move to Junk is the analyst's "unwanted, not harmful": every such copy goes to Junk, none to an Inbox.
 */
export const REVERT_ACTIONS = { inbox: "moveToInbox", junk: "moveToJunk" } as const satisfies Record<string, TEmailActionType>;
export type TRevertDestination = keyof typeof REVERT_ACTIONS;

/** What Threat Explorer shows as the message's Additional action. */
export function additionalActionLabel(type: TEmailActionType, trigger: "Automation" | "AdminAction" | "Revert"): string {
  if (trigger === "Automation") return "Automated remediation: automated";
  if (trigger === "Revert") return `${EMAIL_ACTIONS[type].label}: reverted`;
  return `${EMAIL_ACTIONS[type].label}: approved`;
}
