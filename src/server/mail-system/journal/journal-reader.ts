import "server-only";
import type { ImapFlow } from "imapflow";
import { prisma } from "@/server/db";
import { closeMailbox, openMailbox, type TImapSettings } from "@/server/connectors/dovecot/imap-session";
import { tryFollowerLock, type TFollowerLock } from "@/server/mail-system/maillog/maillog-lock";
import { MalformedEmlError, parseEml } from "@/server/submissions/parse-eml";
import { attachJournalCopies, type TJournalCopy } from "./journal-content";

// The journal mailbox gets a copy of every message Postfix delivers (always_bcc or recipient_bcc_maps). Each copy is
// parsed with the same parser as a reported .eml, judged by the detection engine, its content and verdict attached to the log's rows of that Message-ID, then
// moved out of INBOX into PROCESSED_FOLDER, so that it is read once. The database is written before the move: a
// crash in between reads the copy again, which changes nothing (see attachJournalContent).

export const PROCESSED_FOLDER = "Processed";
const BATCH = 200;

export type TJournalReaderOptions = {
  imap: TImapSettings;
  /** The journal mailbox's address, opened as `<address>*<masterUser>`. */
  mailbox: string;
  /** A copy whose message has no row yet waits for the log follower this long, then is set aside unmatched. */
  unmatchedAfterMs?: number;
  pollMs?: number;
  log?: (message: string) => void;
};

export type TJournalPass = { attached: number; waiting: number; unmatched: number; hasMore: boolean };

/**
 * One pass over the journal's INBOX: every copy's envelope, and up to BATCH copies read and moved. Copies still
 * waiting for their rows stay, without holding up the ones behind them.
 */
export async function readJournalOnce({
  imap,
  mailbox,
  unmatchedAfterMs = 86_400_000,
  log = () => {},
}: TJournalReaderOptions): Promise<TJournalPass> {
  const client = await openMailbox(imap, mailbox);
  try {
    await ensureFolder(client, PROCESSED_FOLDER);
    const lock = await client.getMailboxLock("INBOX");
    try {
      if (client.mailbox === false || !client.mailbox.exists)
        return { attached: 0, waiting: 0, unmatched: 0, hasMore: false };
      const copies = await client.fetchAll("1:*", { uid: true, envelope: true, internalDate: true });
      const known = await knownMessageIds(
        copies.map((copy) => copy.envelope?.messageId).filter((id): id is string => Boolean(id)),
      );
      const done: number[] = [];
      const matched: { uid: number; receivedAt: Date }[] = [];
      const pass: TJournalPass = { attached: 0, waiting: 0, unmatched: 0, hasMore: false };
      for (const copy of copies) {
        if (done.length === BATCH) {
          pass.hasMore = true;
          break;
        }
        const messageId = copy.envelope?.messageId;
        if (messageId && known.has(messageId)) {
          matched.push({ uid: copy.uid, receivedAt: new Date(copy.internalDate ?? Date.now()) });
          done.push(copy.uid);
        } else if (messageId && Date.now() - new Date(copy.internalDate ?? 0).getTime() < unmatchedAfterMs) {
          pass.waiting++;
        } else {
          pass.unmatched++;
          done.push(copy.uid);
        }
      }
      pass.attached = await attachCopies(client, matched, log);
      if (pass.unmatched)
        log(
          `${pass.unmatched} journal cop${pass.unmatched === 1 ? "y" : "ies"} set aside with no mail event of their Message-ID`,
        );
      if (done.length) await client.messageMove(done, PROCESSED_FOLDER, { uid: true });
      return pass;
    } finally {
      lock.release();
    }
  } finally {
    await closeMailbox(client);
  }
}

/**
 * Reads the journal every `pollMs` until stopped, in one process at a time (the others stand by); a failed pass is
 * logged and tried again on the next.
 */
export function startJournalReader(options: TJournalReaderOptions): { stop(): Promise<void> } {
  const log = options.log ?? ((message: string) => console.log(`[journal] ${message}`));
  let isStopped = false;
  let wake = () => {};
  let lock: TFollowerLock | null = null;
  const loop = (async () => {
    while (!isStopped) {
      try {
        if (!lock?.isHeld()) lock = await tryFollowerLock(`journal ${options.mailbox}`);
        const pass = lock && (await readJournalOnce({ ...options, log }));
        if (pass?.attached) log(`content of ${pass.attached} message${pass.attached === 1 ? "" : "s"} attached`);
        if (pass?.hasMore) continue;
      } catch (error) {
        log(`journal pass failed: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (isStopped) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, options.pollMs ?? 5_000);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    await lock?.release();
  })();
  return {
    async stop() {
      isStopped = true;
      wake();
      await loop;
    },
  };
}

async function knownMessageIds(messageIds: string[]): Promise<Set<string>> {
  if (!messageIds.length) return new Set();
  const rows = await prisma.$queryRaw<
    { id: string }[]
  >`select distinct "internetMessageId" as id from "EmailEvent" where "internetMessageId" = any(${messageIds}::text[])`;
  return new Set(rows.map((row) => row.id));
}

/** Reads and parses the matched copies, then judges and attaches them as one batch (attachJournalCopies). */
async function attachCopies(
  client: ImapFlow,
  copies: { uid: number; receivedAt: Date }[],
  log: (message: string) => void,
): Promise<number> {
  const parsed: TJournalCopy[] = [];
  for (const { uid, receivedAt } of copies) {
    const copy = await client.fetchOne(String(uid), { source: true }, { uid: true });
    if (copy === false || !copy.source) continue;
    try {
      const message = await parseEml(copy.source);
      if (message.internetMessageId)
        parsed.push({ message: { ...message, internetMessageId: message.internetMessageId }, receivedAt });
    } catch (error) {
      if (!(error instanceof MalformedEmlError)) throw error;
      log(`journal copy ${uid} is not a readable message: ${error.message}`);
    }
  }
  return attachJournalCopies(parsed);
}

async function ensureFolder(client: ImapFlow, folder: string): Promise<void> {
  const folders = await client.list();
  if (!folders.some((entry) => entry.path === folder)) await client.mailboxCreate(folder);
}
