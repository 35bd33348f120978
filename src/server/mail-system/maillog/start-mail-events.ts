import "server-only";
import { imapSettings } from "@/server/mail-system/dovecot/imap-session";
import { startJournalReader } from "@/server/mail-system/journal/journal-reader";
import { getMailSystemSettings } from "@/server/mail-system/mail-system-settings.service";
import { startMaillogFollower } from "./maillog-follower";

/**
 * Mail events from a real Postfix: the log follower when a log path is set (BREAKWATER_MAILLOG_PATH or Settings ›
 * Mail system), and the journal reader when a journal mailbox and IMAP master-user access are set too. Null when
 * no log path is set. Settings are read once: a change takes effect at the next start.
 */
export async function startMailEvents(log: (message: string) => void): Promise<{ stop(): Promise<void> } | null> {
  const settings = await getMailSystemSettings();
  if (!settings.maillogPath) return null;
  const follower = await startMaillogFollower({ path: settings.maillogPath, journalMailbox: settings.journalMailbox, log: (message) => log(`[maillog] ${message}`) });
  const imap = imapSettings(settings);
  const journal = settings.journalMailbox && imap ? startJournalReader({ imap, mailbox: settings.journalMailbox, log: (message) => log(`[journal] ${message}`) }) : null;
  log(`following ${settings.maillogPath}${journal ? `, with content from the journal mailbox ${settings.journalMailbox}` : " (no journal mailbox or IMAP access: no message content)"}`);
  return {
    async stop() {
      await Promise.all([follower.stop(), journal?.stop()]);
    },
  };
}
