import type { TFolder } from "@/server/actions/email-locations";

/**
 * One copy to act on: the message with this exact Message-ID in this user's mailbox. It is looked for in `sources` in
 * that order, and goes to `destination` (null: expunged); found only in its destination it is already there.
 */
export type TCopy = {
  emailEventId: bigint;
  user: string;
  messageId: string;
  sources: TFolder[];
  destination: TFolder | null;
};

export type TCopyOutcome =
  | { emailEventId: bigint; result: "Success"; fromFolder: TFolder; toFolder: TFolder | null }
  | { emailEventId: bigint; result: "AlreadyInDestination"; toFolder: TFolder | null }
  | { emailEventId: bigint; result: "Failed"; reason: string };

/** What a mover does with the copies: one outcome each. `notFound` is the reason given when a copy is in none of its folders. */
export type TMover = (copies: TCopy[], notFound: string) => Promise<TCopyOutcome[]>;

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
export const isSameMessageId = (header: string | undefined, messageId: string): boolean =>
  header?.replace(/\s+/g, "") === messageId.replace(/\s+/g, "");

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
