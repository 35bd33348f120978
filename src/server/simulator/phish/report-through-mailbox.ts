import "server-only";
import { randomUUID } from "node:crypto";
import nodemailer from "nodemailer";
import { prisma } from "@/server/db";
import { getMailSystemSettings } from "@/server/mail-system/mail-system-settings.service";
import { getUserReportedSettings } from "@/server/user-reported/user-reported-settings.service";

// With the reporting mailbox on (Settings › User reported settings, on the Postfix + Dovecot connector), the phish
// campaign's reporter reports as a real user does: they forward the copy as an attachment, logged in to the mail
// sandbox's submission service (whose passwords are the addresses themselves), and the worker's reader submits it.

export type TSubmissionService = { host: string; port: number };

/** The reporting mailbox's address when reports should go through it, else null (the simulator submits directly). */
export async function reportingMailboxInUse(): Promise<string | null> {
  const [reported, mail] = await Promise.all([getUserReportedSettings(), getMailSystemSettings()]);
  return reported.isEnabled && reported.mailbox && mail.connector === "postfix-dovecot" ? reported.mailbox : null;
}

/** Forwards `original` as `reporter`, then waits for the reader's submission of it (the worker must be running). */
export async function reportThroughMailbox({
  mailbox,
  reporter,
  original,
  subject,
  submission,
  timeoutMs = 60_000,
}: {
  mailbox: string;
  reporter: string;
  original: Buffer;
  subject: string;
  submission: TSubmissionService;
  timeoutMs?: number;
}) {
  const messageId = `<report-${randomUUID()}@${reporter.split("@")[1]}>`;
  const transport = nodemailer.createTransport({
    host: submission.host,
    port: submission.port,
    secure: false,
    ignoreTLS: true,
    auth: { user: reporter, pass: reporter },
  });
  try {
    await transport.sendMail({
      from: reporter,
      to: mailbox,
      subject: `[Phish] FW: ${subject}`,
      messageId,
      text: "Reported with the Report button.",
      attachments: [
        {
          filename: "reported.eml",
          content: original,
          contentType: "message/rfc822",
          contentDisposition: "attachment",
        },
      ],
    });
  } finally {
    transport.close();
  }
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await prisma.submission.findUnique({
      where: { reportingItemId: messageId },
      select: { id: true, alertId: true, investigationId: true },
    });
    if (found?.investigationId)
      return {
        submissionId: found.id,
        alertId: found.alertId,
        investigationId: found.investigationId,
        itemId: messageId,
      };
    if (Date.now() > deadline)
      throw new Error(
        `the report went to ${mailbox}, but no submission came of it within ${timeoutMs / 1000} s: is the worker running (npm start or npm run worker)?`,
      );
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
