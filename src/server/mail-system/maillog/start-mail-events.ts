import "server-only";
import { errorText } from "@/lib/error-text";
import { isDatabaseUnavailable } from "@/server/db/database-unavailable";
import { backoffMs, createSleeper, outageLog } from "@/server/db/wait-for-database";
import { imapSettings } from "@/server/connectors/dovecot/imap-session";
import { startJournalReader } from "@/server/mail-system/journal/journal-reader";
import { getMailSystemSettings, type TMailSystemSettings } from "@/server/mail-system/mail-system-settings.service";
import { startMaillogFollower } from "./maillog-follower";

/**
 * Mail events from a real Postfix: the log follower when a log path is set (BREAKWATER_MAILLOG_PATH or Settings ›
 * Mail system), and the journal reader when a journal mailbox and IMAP master-user access are set too. Null when
 * no log path is set. Settings are read once: a change takes effect at the next start. With the database away at
 * start, they are read (and the follower started) once it answers.
 */
export async function startMailEvents(log: (message: string) => void): Promise<{ stop(): Promise<void> } | null> {
  try {
    return await startFrom(await getMailSystemSettings(), log);
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    return startWhenDatabaseAnswers(error, log);
  }
}

async function startFrom(
  settings: TMailSystemSettings,
  log: (message: string) => void,
): Promise<{ stop(): Promise<void> } | null> {
  if (!settings.maillogPath) return null;
  const follower = await startMaillogFollower({
    path: settings.maillogPath,
    journalMailbox: settings.journalMailbox,
    log: (message) => log(`[maillog] ${message}`),
  });
  const imap = imapSettings(settings);
  const journal =
    settings.journalMailbox && imap
      ? startJournalReader({ imap, mailbox: settings.journalMailbox, log: (message) => log(`[journal] ${message}`) })
      : null;
  log(
    `following ${settings.maillogPath}${journal ? `, with content from the journal mailbox ${settings.journalMailbox}` : " (no journal mailbox or IMAP access: no message content)"}`,
  );
  return {
    async stop() {
      await Promise.all([follower.stop(), journal?.stop()]);
    },
  };
}

function startWhenDatabaseAnswers(firstError: unknown, log: (message: string) => void): { stop(): Promise<void> } {
  const outage = outageLog((message) => log(`[maillog] ${message}`));
  outage.failed(firstError);
  const sleeper = createSleeper();
  let isStopped = false;
  let started: { stop(): Promise<void> } | null = null;
  const loop = (async () => {
    for (let attempt = 0; !isStopped; attempt++) {
      await sleeper.sleep(backoffMs(attempt));
      if (isStopped) return;
      try {
        const settings = await getMailSystemSettings();
        outage.recovered();
        started = await startFrom(settings, log);
        return;
      } catch (error) {
        if (!isDatabaseUnavailable(error)) return log(`[maillog] not started: ${errorText(error)}`);
        outage.failed(error);
      }
    }
  })();
  return {
    async stop() {
      isStopped = true;
      sleeper.wake();
      await loop;
      await started?.stop();
    },
  };
}
