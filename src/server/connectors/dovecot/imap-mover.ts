import "server-only";
import type { ImapFlow } from "imapflow";
import {
  closeMailbox,
  describeImapError,
  imapAddress,
  openMailbox,
  type TImapFailure,
  type TImapSettings,
} from "./imap-session";
import {
  BATCH_SIZE,
  byUser,
  chunks,
  isSameMessageId,
  type TCopy,
  type TCopyOutcome,
  type TMover,
} from "./mail-moves.types";
import type { TFolder } from "@/server/actions/email-locations";
import { FAILURE_REASONS } from "../failure-reasons";

/** Mailboxes worked on at once: each is one IMAP connection, and Dovecot's login processes are the limit. */
const CONCURRENCY = 8;

/**
 * Moves copies over IMAP, one connection per mailbox as `user*master`. In each mailbox it visits the copies' source
 * folders in order, then their destinations: per folder one SEARCH of up to 50 Message-IDs OR-ed, a FETCH of the
 * matches' envelopes to keep exact Message-IDs only, and one MOVE (or one expunge) per batch and destination.
 * A copy moves from the first folder it is found in; found only in its destination, it is already there.
 */
export function imapMover(settings: TImapSettings): TMover {
  return async (copies, notFound) => {
    const outcomes = new Map<bigint, TCopyOutcome>();
    const fail = (list: TCopy[], reason: string) =>
      list.forEach(
        (copy) =>
          outcomes.has(copy.emailEventId) ||
          outcomes.set(copy.emailEventId, { emailEventId: copy.emailEventId, result: "Failed", reason }),
      );
    // A failure every other mailbox would meet too (server down, master password wrong) ends the run at once: no waiting
    // for a timeout per mailbox inside the decision's transaction.
    let stopReason: string | null = null;
    let isMasterRefused = false;
    let hasLoggedIn = false;
    const authFailed: TCopy[] = [];
    const reasonFor = (failure: TImapFailure) =>
      failure.kind === "unreachable"
        ? FAILURE_REASONS.imapUnreachable(imapAddress(settings), failure.detail)
        : failure.kind === "noUser"
          ? FAILURE_REASONS.mailboxGone
          : FAILURE_REASONS.imapError(failure.detail);

    const work = async ([user, list]: [string, TCopy[]]) => {
      if (isMasterRefused) return void authFailed.push(...list);
      if (stopReason) return fail(list, stopReason);
      let client: ImapFlow;
      try {
        client = await openMailbox(settings, user);
        hasLoggedIn = true;
      } catch (error) {
        const failure = describeImapError(error);
        if (failure.kind === "masterLogin") {
          authFailed.push(...list);
          // Dovecot refuses a master login the same way for a wrong password and (with some userdbs) a user it lacks: two
          // refusals and no login yet is the password.
          if (!hasLoggedIn && new Set(authFailed.map((copy) => copy.user)).size >= 2) isMasterRefused = true;
          return;
        }
        if (failure.kind === "unreachable") stopReason = reasonFor(failure);
        return fail(list, reasonFor(failure));
      }
      try {
        await moveInMailbox(client, list, outcomes);
      } catch (error) {
        // What moved before the failure stays recorded as moved; the rest of this mailbox fails and can be retried.
        const failure = describeImapError(error);
        if (failure.kind === "unreachable") stopReason = reasonFor(failure);
        fail(list, reasonFor(failure));
      } finally {
        await closeMailbox(client);
      }
    };
    // One mailbox at a time until a login works: a wrong master password then costs two refused logins, not one per
    // connection (Dovecot delays each refusal, and slows every later login from this address).
    const mailboxes = [...byUser(copies)];
    let next = 0;
    while (next < mailboxes.length && !hasLoggedIn && !isMasterRefused && !stopReason) await work(mailboxes[next++]);
    await forEachLimit(mailboxes.slice(next), CONCURRENCY, work);
    fail(authFailed, hasLoggedIn ? FAILURE_REASONS.mailboxGone : FAILURE_REASONS.imapMasterRefused);
    fail(copies, notFound);
    return copies.map((copy) => outcomes.get(copy.emailEventId)!);
  };
}

async function moveInMailbox(client: ImapFlow, copies: TCopy[], outcomes: Map<bigint, TCopyOutcome>): Promise<void> {
  const pending = new Set(copies);
  const folders = [
    ...new Set([
      ...copies.flatMap((copy) => copy.sources),
      ...copies.flatMap((copy) => (copy.destination ? [copy.destination] : [])),
    ]),
  ];
  for (const folder of folders) {
    const wanted = [...pending].filter((copy) => copy.sources.includes(folder) || copy.destination === folder);
    if (!wanted.length) continue;
    const lock = await client.getMailboxLock(folder).catch((error) => {
      // A folder the user never had holds nothing; anything else is a real failure.
      if ((error as { serverResponseCode?: string }).serverResponseCode === "NONEXISTENT") return null;
      throw error;
    });
    if (!lock) continue;
    try {
      for (const batch of chunks([...new Set(wanted.map((copy) => copy.messageId))], BATCH_SIZE)) {
        const found = await findExact(client, batch);
        const here = wanted.filter((copy) => pending.has(copy) && found.has(copy.messageId));
        for (const [destination, group] of groupBy(
          here.filter((copy) => copy.sources.includes(folder)),
          (copy) => copy.destination,
        )) {
          const moved = await moveUids(
            client,
            [...new Set(group.flatMap((copy) => found.get(copy.messageId)!))],
            destination,
          );
          for (const copy of group.filter((copy) => found.get(copy.messageId)!.some((uid) => moved.has(uid)))) {
            outcomes.set(copy.emailEventId, {
              emailEventId: copy.emailEventId,
              result: "Success",
              fromFolder: folder,
              toFolder: destination,
            });
            pending.delete(copy);
          }
        }
        for (const copy of here.filter((copy) => copy.destination === folder)) {
          outcomes.set(copy.emailEventId, {
            emailEventId: copy.emailEventId,
            result: "AlreadyInDestination",
            toFolder: folder,
          });
          pending.delete(copy);
        }
      }
    } finally {
      lock.release();
    }
  }
}

/** UIDs in the open folder whose Message-ID is exactly one of `messageIds`: one SEARCH, then one FETCH of the candidates. */
async function findExact(client: ImapFlow, messageIds: string[]): Promise<Map<string, number[]>> {
  const terms = messageIds.map((id) => ({ header: { "message-id": id } }));
  const uids = await client.search(terms.length === 1 ? terms[0] : { or: terms }, { uid: true });
  if (!uids) throw new Error("the server refused the SEARCH");
  const found = new Map<string, number[]>();
  if (!uids.length) return found;
  for (const message of await client.fetchAll(uids, { uid: true, envelope: true }, { uid: true })) {
    const messageId = messageIds.find((id) => isSameMessageId(message.envelope?.messageId, id));
    if (messageId) found.set(messageId, [...(found.get(messageId) ?? []), message.uid]);
  }
  return found;
}

/** The UIDs that left the folder: MOVE's COPYUID map says which (one a user moved meanwhile is not among them). */
async function moveUids(client: ImapFlow, uids: number[], destination: TFolder | null): Promise<Set<number>> {
  if (!destination) {
    // Hard delete: \Deleted then UID EXPUNGE of exactly these.
    if (!(await client.messageDelete(uids, { uid: true }))) throw new Error("the server refused the EXPUNGE");
    return new Set(uids);
  }
  let result = await client.messageMove(uids, destination, { uid: true });
  if (result === false) {
    // The destination may not exist in this mailbox yet (no `auto = create`): create it once and try again.
    await client.mailboxCreate(destination).catch(() => undefined);
    result = await client.messageMove(uids, destination, { uid: true });
  }
  if (!result) throw new Error(`the server refused to move messages to ${destination}`);
  return result.uidMap ? new Set(result.uidMap.keys()) : new Set(uids);
}

function groupBy<T, K>(items: T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}

async function forEachLimit<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
