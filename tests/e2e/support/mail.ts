// The real Postfix + Dovecot the e2e server starts beside the console (tests/e2e/serve.ts), when they are installed:
// where to find it, and how a test talks to it as a mail client would.
import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ImapFlow } from "imapflow";
import nodemailer from "nodemailer";

export type TE2eMailSystem = {
  smtpPort: number;
  imapPort: number;
  policyPort: number;
  masterUser: string;
  masterPassword: string;
  mailboxes: string[];
};

export const E2E_MAIL_DOMAIN = "contoso.test";
export const E2E_MAILBOXES = Array.from({ length: 6 }, (_, index) => `mailbox${index}@${E2E_MAIL_DOMAIN}`);

/** serve.ts writes the sandbox's ports and master user here; one file per e2e port, so runs never mix. */
export const e2eMailSystemFile = (port: string) => path.join(os.tmpdir(), `breakwater-e2e-mail-${port}.json`);

export function e2eMailSystem(): TE2eMailSystem {
  return JSON.parse(readFileSync(e2eMailSystemFile(process.env.E2E_PORT ?? "3100"), "utf8")) as TE2eMailSystem;
}

/** Sends one message over SMTP; resolves with the server's answer, or rejects with its refusal (`responseCode`). */
export function sendOverSmtp(mail: TE2eMailSystem, message: nodemailer.SendMailOptions) {
  return nodemailer
    .createTransport({ host: "127.0.0.1", port: mail.smtpPort, secure: false, ignoreTLS: true })
    .sendMail(message);
}

/** How many messages with `subject` a mailbox's folder holds, read over IMAP as the master user. */
export async function countInFolder(
  mail: TE2eMailSystem,
  address: string,
  folder: string,
  subject: string,
): Promise<number> {
  const client = new ImapFlow({
    host: "127.0.0.1",
    port: mail.imapPort,
    secure: false,
    auth: { user: `${address}*${mail.masterUser}`, pass: mail.masterPassword },
    logger: false,
    // imapflow's 16 s for the greeting ran out on a loaded CI machine: the test reads, it does not time Dovecot.
    greetingTimeout: 60_000,
  });
  await client.connect();
  try {
    const lock = await client.getMailboxLock(folder);
    try {
      const found = await client.search({ subject }, { uid: true });
      return Array.isArray(found) ? found.length : 0;
    } finally {
      lock.release();
    }
  } finally {
    await client.logout();
  }
}
