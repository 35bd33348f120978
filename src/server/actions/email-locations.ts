import { EMAIL_ACTION_SPECS, type TEmailActionType } from "@/lib/actions/email-actions";

export { isEmailAction } from "@/lib/actions/action-catalogue";
export type { TEmailActionType };

type TSpecs = typeof EMAIL_ACTION_SPECS;

// Where each email action puts a message, in Defender's delivery-location words, and what it is called in
// EmailPostDeliveryEvents.Action: read from the action catalogue, in the shape the connectors take.
export const EMAIL_ACTIONS = Object.fromEntries(
  Object.entries(EMAIL_ACTION_SPECS).map(([type, spec]) => [
    type,
    { location: spec.location, label: spec.deliveryAction },
  ]),
) as { [K in TEmailActionType]: { location: TSpecs[K]["location"]; label: TSpecs[K]["deliveryAction"] } };

/**
 * The locations inside a mailbox, where an email action can reach a message. Quarantined, blocked, dropped and
 * hard-deleted copies are not in any mailbox: actions leave them alone (AIR acts on "messages in mailboxes").
 */
export const MAILBOX_LOCATIONS = ["Inbox/folder", "Junk folder", "Deleted items", "Recoverable items"] as const;

// The email actions that put a copy in a folder (all but hard delete, which expunges).
type TMovingAction = { [K in TEmailActionType]: TSpecs[K]["folder"] extends string ? K : never }[TEmailActionType];

/**
 * The mailbox folder behind each location an action moves a copy to, as every connector records a copy's folders
 * (EmailActionResult.fromFolder, toFolder), and as Dovecot names them. Hard delete ("Deleted") has none: it expunges.
 */
export const FOLDERS = Object.fromEntries(
  Object.values(EMAIL_ACTION_SPECS).flatMap((spec) => (spec.folder ? [[spec.location, spec.folder]] : [])),
) as { [K in TMovingAction as TSpecs[K]["location"]]: TSpecs[K]["folder"] };

export type TFolder = (typeof FOLDERS)[keyof typeof FOLDERS];

const LOCATIONS = Object.fromEntries(Object.entries(FOLDERS).map(([location, folder]) => [folder, location])) as Record<
  TFolder,
  keyof typeof FOLDERS
>;

export const folderOf = (location: string): TFolder | null =>
  Object.hasOwn(FOLDERS, location) ? FOLDERS[location as keyof typeof FOLDERS] : null;

/** Where Threat Explorer says a copy is, from the folder it went to; null (expunged) is Defender's "Deleted". */
export const locationOf = (folder: TFolder | null): string => (folder ? LOCATIONS[folder] : "Deleted");

/**
 * The two ways back from History. Both move back only the copies the reverted action moved, from where it put them.
 * Move to Inbox undoes it: each copy returns to the folder it was in before (the Inbox, or the Junk or Deleted Items
 * folder it had been delivered or filed to), so a copy that was in Junk before a soft delete goes back to Junk.
 * Move to Junk is the analyst's "unwanted, not harmful": every such copy goes to Junk, none to an Inbox.
 */
export const REVERT_ACTIONS = { inbox: "moveToInbox", junk: "moveToJunk" } as const satisfies Record<
  string,
  TEmailActionType
>;
export type TRevertDestination = keyof typeof REVERT_ACTIONS;

/** What Threat Explorer shows as the message's Additional action. */
export function additionalActionLabel(
  type: TEmailActionType,
  trigger: "Automation" | "AdminAction" | "Revert",
): string {
  if (trigger === "Automation") return "Automated remediation: automated";
  if (trigger === "Revert") return `${EMAIL_ACTIONS[type].label}: reverted`;
  return `${EMAIL_ACTIONS[type].label}: approved`;
}
