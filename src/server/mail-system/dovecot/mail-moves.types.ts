import { MAILBOX_LOCATIONS } from "@/server/actions/email-locations";

/** Defender's locations inside a mailbox and the Dovecot folders that hold them. Hard delete ("Deleted") has none: it expunges. */
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
 * One copy to act on: the message with this exact Message-ID in this user's mailbox. It is looked for in `sources` in
 * that order, and goes to `destination` (null: expunged); found only in its destination it is already there.
 */
export type TCopy = { emailEventId: bigint; user: string; messageId: string; sources: TFolder[]; destination: TFolder | null };

export type TCopyOutcome =
  | { emailEventId: bigint; result: "Success"; fromFolder: TFolder; toFolder: TFolder | null }
  | { emailEventId: bigint; result: "AlreadyInDestination"; toFolder: TFolder | null }
  | { emailEventId: bigint; result: "Failed"; reason: string };

/** What a mover does with the copies: one outcome each. `notFound` is the reason given when a copy is in none of its folders. */
export type TMover = (copies: TCopy[], notFound: string) => Promise<TCopyOutcome[]>;

export const MAILBOX_GONE = "Mailbox gone: the mail server does not know this user";

/** One SEARCH names at most this many Message-IDs, OR-ed: a short command, and one MOVE per batch. */
export const BATCH_SIZE = 50;

export function chunks<T>(items: T[], size: number): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) result.push(items.slice(start, start + size));
  return result;
}

/**
 * IMAP's and doveadm's HEADER search is a case-insensitive substring match: `<a@b>` also finds `<xa@b>`-like ids in
 * other messages. Only a header equal to the id (folding whitespace aside) is the copy.
 */
export const isSameMessageId = (header: string | undefined, messageId: string): boolean => header?.replace(/\s+/g, "") === messageId.replace(/\s+/g, "");

/** Copies of one user's mailbox, in the order the batch arrived. */
export function byUser(copies: TCopy[]): Map<string, TCopy[]> {
  const users = new Map<string, TCopy[]>();
  for (const copy of copies) {
    const list = users.get(copy.user);
    if (list) list.push(copy);
    else users.set(copy.user, [copy]);
  }
  return users;
}
