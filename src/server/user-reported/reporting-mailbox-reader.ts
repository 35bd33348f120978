import "server-only";
import type { ImapFlow } from "imapflow";
import { errorText } from "@/lib/error-text";
import { internalDomains } from "@/server/detection/sending-activity";
import { closeMailbox, openImap, type TImapEndpoint } from "@/server/connectors/dovecot/imap-session";
import { tryFollowerLock, type TFollowerLock } from "@/server/mail-system/maillog/maillog-lock";
import { getMailSystemSettings, type TMailSystemConfig } from "@/server/mail-system/mail-system-settings.service";
import { handleReportingItem } from "./handle-reporting-item";
import { getUserReportedSettings, type TUserReportedConfig } from "./user-reported-settings.service";

// The reporting mailbox's reader, on the worker (never in a request). It waits on IMAP IDLE for new items and also
// looks every `pollMs`, so a server without IDLE, or an IDLE that went quiet, still gets read. Settings are read
// before every pass: saving Settings › User reported settings takes effect without a restart. One process reads
// at a time (the same advisory lock as the mail log follower); the unique item key makes a second one harmless.

export type TReaderTarget = {
  endpoint: TImapEndpoint;
  auth: { user: string; pass: string };
  settings: TUserReportedConfig;
};

/** Where and as whom the reporting mailbox is read; null while it is off or cannot be reached. */
export function readerTarget(settings: TUserReportedConfig, mail: TMailSystemConfig): TReaderTarget | null {
  if (!settings.isEnabled || !settings.mailbox || !mail.imapHost) return null;
  const endpoint = {
    host: mail.imapHost,
    port: mail.imapPort ?? (mail.imapSecure ? 993 : 143),
    secure: mail.imapSecure,
    allowedInternalHosts: mail.allowedInternalHosts,
  };
  if (settings.password) return { endpoint, auth: { user: settings.mailbox, pass: settings.password }, settings };
  if (mail.masterUser && mail.masterPassword)
    return { endpoint, auth: { user: `${settings.mailbox}*${mail.masterUser}`, pass: mail.masterPassword }, settings };
  return null;
}

export type TReadingPass = { processed: number; unusable: number };

const BATCH = 100;

/** Reads up to BATCH items of INBOX, reports each, and moves each to its folder (processed or unusable). */
export async function readReportingMailboxOnce(
  client: ImapFlow,
  settings: TUserReportedConfig,
  log: (message: string) => void = () => {},
): Promise<TReadingPass & { hasMore: boolean }> {
  await ensureFolders(client, [settings.processedFolder, settings.unusableFolder]);
  const lock = await client.getMailboxLock("INBOX");
  try {
    if (client.mailbox === false || !client.mailbox.exists) return { processed: 0, unusable: 0, hasMore: false };
    const uids = ((await client.search({ all: true }, { uid: true })) || []).slice(0, BATCH);
    const orgDomains = await internalDomains();
    const moves = new Map<string, number[]>();
    const pass = { processed: 0, unusable: 0 };
    for (const uid of uids) {
      const item = await client.fetchOne(String(uid), { source: true }, { uid: true });
      if (item === false || !item.source) continue;
      const outcome = await handleReportingItem(item.source, settings, orgDomains);
      if (outcome.status === "unusable")
        log(`item ${outcome.itemId} set aside in ${settings.unusableFolder}: ${outcome.reason}`);
      pass[outcome.status]++;
      const folder = outcome.status === "processed" ? settings.processedFolder : settings.unusableFolder;
      moves.set(folder, [...(moves.get(folder) ?? []), uid]);
    }
    // After the database: an item moved is recorded, and one recorded but not moved is recognised next time.
    for (const [folder, moved] of moves) await client.messageMove(moved, folder, { uid: true });
    return { ...pass, hasMore: uids.length === BATCH };
  } finally {
    lock.release();
  }
}

export function startReportingMailboxReader({
  pollMs = 30_000,
  log = (message: string) => console.log(`[reporting] ${message}`),
} = {}): { stop(): Promise<void> } {
  let isStopped = false;
  // Set by an event that came while a pass ran: the loop then looks again at once instead of sleeping.
  let hasNews = false;
  let resolveSleep: (() => void) | null = null;
  const wake = () => {
    hasNews = true;
    resolveSleep?.();
  };
  let lock: TFollowerLock | null = null;
  let client: ImapFlow | null = null;
  let connectedAs = "";
  const disconnect = async () => {
    const open = client;
    client = null;
    if (!open) return;
    // Its closing is ours, not news to wake the loop for.
    open.removeAllListeners("exists");
    open.removeAllListeners("close");
    await closeMailbox(open).catch(() => {});
  };
  const loop = (async () => {
    while (!isStopped) {
      try {
        const target = readerTarget(await getUserReportedSettings(), await getMailSystemSettings());
        const key = target ? JSON.stringify([target.endpoint, target.auth]) : "";
        if (!target) {
          await disconnect();
          await lock?.release();
          lock = null;
        } else {
          if (!lock?.isHeld()) lock = await tryFollowerLock(`reporting ${target.settings.mailbox}`);
          if (lock) {
            if (client && (key !== connectedAs || !client.usable)) await disconnect();
            if (!client) {
              client = await openImap(target.endpoint, target.auth, { socketTimeout: 5 * 60_000 });
              connectedAs = key;
              // New mail while idling: read it now rather than at the next poll.
              client.on("exists", () => wake());
              client.on("close", () => wake());
            }
            const pass = await readReportingMailboxOnce(client, target.settings, log);
            if (pass.processed || pass.unusable)
              log(`${pass.processed} report(s) submitted, ${pass.unusable} item(s) set aside`);
            if (pass.hasMore) continue;
            // IDLE until something arrives; the next command (the next pass) ends it.
            void client.idle().catch(() => {});
          }
        }
      } catch (error) {
        log(`reading the reporting mailbox failed: ${errorText(error)}`);
        await disconnect();
      }
      if (isStopped) break;
      if (!hasNews) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, pollMs);
          resolveSleep = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        resolveSleep = null;
      }
      hasNews = false;
    }
    await disconnect();
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

async function ensureFolders(client: ImapFlow, folders: string[]): Promise<void> {
  const existing = new Set((await client.list()).map((entry) => entry.path));
  for (const folder of folders) if (!existing.has(folder)) await client.mailboxCreate(folder);
}
