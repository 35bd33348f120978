import "@/lib/zod-jitless";
import { z } from "zod";

/**
 * The email actions, in the order Threat Explorer's Take action lists them. One entry is the whole action: adding one
 * here puts it in the menus, the labels, the Action center's filters, the API's enum and the connectors (which move a
 * copy to `folder`, or expunge it when `folder` is null). `location` is Defender's delivery location the copy ends in,
 * `deliveryAction` its EmailPostDeliveryEvents.Action;
 * `isAutomatable` whether Settings › Automation may let automation take it (Defender: soft delete only).
 */
export const EMAIL_ACTION_SPECS = {
  softDelete: {
    label: "Soft delete email",
    location: "Recoverable items",
    folder: "Recoverable Items",
    deliveryAction: "Soft delete",
    isRevertable: true,
    isDestructive: false,
    isAutomatable: true,
  },
  moveToJunk: {
    label: "Move to Junk",
    location: "Junk folder",
    folder: "Junk",
    deliveryAction: "Moved to junk folder",
    isRevertable: true,
    isDestructive: false,
    isAutomatable: false,
  },
  moveToInbox: {
    label: "Move to Inbox",
    location: "Inbox/folder",
    folder: "INBOX",
    deliveryAction: "Moved to inbox",
    isRevertable: true,
    isDestructive: false,
    isAutomatable: false,
  },
  moveToDeletedItems: {
    label: "Move to Deleted Items",
    location: "Deleted items",
    folder: "Deleted Items",
    deliveryAction: "Moved to deleted items",
    isRevertable: true,
    isDestructive: false,
    isAutomatable: false,
  },
  // Defender's post-delivery quarantine: out of the user's reach, kept by the mail system, released with Move to Inbox.
  moveToQuarantine: {
    label: "Move to quarantine",
    location: "Quarantine",
    folder: "Quarantine",
    deliveryAction: "Moved to quarantine",
    isRevertable: true,
    isDestructive: false,
    isAutomatable: false,
  },
  // Expunged: nothing is left to move back.
  hardDelete: {
    label: "Hard delete email",
    location: "Deleted",
    folder: null,
    deliveryAction: "Hard delete",
    isRevertable: false,
    isDestructive: true,
    isAutomatable: false,
  },
} as const;

export type TEmailActionType = keyof typeof EMAIL_ACTION_SPECS;

/**
 * What an email action names besides its cluster: the search that made it (hunting), the sender and time of a
 * compromised user's sent mail, or the action a Move to Inbox / Move to Junk from History reverts.
 */
export const ZEmailTarget = z.object({
  cluster: z.string().optional(),
  kind: z.string().optional(),
  sender: z.string().optional(),
  since: z.string().optional(),
  revertOf: z.int().positive().optional(),
});
