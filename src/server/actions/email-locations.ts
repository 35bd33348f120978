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
