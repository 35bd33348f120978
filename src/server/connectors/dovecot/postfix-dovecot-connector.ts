import "server-only";
import type { TMailConnector } from "../connector.types";
import { FAILURE_REASONS } from "../failure-reasons";
import type { TMailSystemConfig } from "@/server/mail-system/mail-system-settings.service";
import { doveadmMover } from "./doveadm-mover";
import { executeInDovecot } from "./execute-in-dovecot";
import { imapMover } from "./imap-mover";
import { imapSettings } from "./imap-session";
import type { TMover } from "./mail-moves.types";
import { testMailSystem } from "./test-mail-system";

/** The organisation's own Postfix and Dovecot: email actions move the messages in the real mailboxes. */
export function postfixDovecotConnector(settings: TMailSystemConfig): TMailConnector {
  return {
    name: "postfix-dovecot",
    executeEmailAction: (action, tx) => executeInDovecot(action, tx, moverFor(settings)),
    testConnection: () => testMailSystem(settings),
  };
}

// doveadm's API when it is set: two round trips for any number of mailboxes, where IMAP needs a login per mailbox.
function moverFor(settings: TMailSystemConfig): TMover {
  if (settings.doveadmUrl && settings.doveadmApiKey)
    return doveadmMover({
      url: settings.doveadmUrl,
      apiKey: settings.doveadmApiKey,
      allowedInternalHosts: settings.allowedInternalHosts,
    });
  const imap = imapSettings(settings);
  if (imap) return imapMover(imap);
  return async (copies) =>
    copies.map((copy) => ({
      emailEventId: copy.emailEventId,
      result: "Failed",
      reason: FAILURE_REASONS.dovecotNotSetUp,
    }));
}
