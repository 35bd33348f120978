import "server-only";
import nodemailer from "nodemailer";
import { errorText } from "@/lib/error-text";
import { prisma } from "@/server/db";
import { getMailSystemSettings } from "@/server/mail-system/mail-system-settings.service";
import { parseAddress } from "@/server/network/internal-address";
import { resolveOutboundTarget } from "@/server/network/outbound-target";
import { feedbackOutcome, renderFeedback } from "./feedback-templates";
import { getUserReportedSettings, type TUserReportedConfig } from "./user-reported-settings.service";

// Feedback to the user who reported a message, once there is something to tell: the playbook's verdict (trigger
// "verdict") or an analyst's assessment ("assessment"). Only reports read from the reporting mailbox get one: their
// reporter is the authenticated user who forwarded the item, so the notice cannot be aimed at someone else. Each
// notice is claimed by a unique row (submission, trigger, outcome) before it is sent: a retried step or a second
// worker never sends it twice, and the row records whether it went.

export type TNoticeTrigger = "verdict" | "assessment";

const REPORTING_SOURCES = ["reportingMailbox", "reportingMailboxInline"];

/** Tells the reporters of these submissions what was found, when feedback is on. Never throws: a failure is logged on the notice. */
export async function notifyReporters(submissionIds: readonly string[], trigger: TNoticeTrigger): Promise<void> {
  if (!submissionIds.length) return;
  const settings = await getUserReportedSettings();
  if (!settings.isFeedbackEnabled || !settings.smtpHost || !settings.feedbackFrom) return;
  const submissions = await prisma.submission.findMany({
    where: { id: { in: [...submissionIds] }, source: { in: REPORTING_SOURCES } },
    select: {
      id: true,
      reporter: true,
      subject: true,
      sender: true,
      createdAt: true,
      verdict: true,
      threatType: true,
      assessment: true,
      assessedThreatType: true,
      reportType: true,
    },
  });
  for (const submission of submissions) {
    const verdict = trigger === "assessment" && submission.assessment ? submission.assessment : submission.verdict;
    const threatType =
      trigger === "assessment" && submission.assessment ? submission.assessedThreatType : submission.threatType;
    const outcome = feedbackOutcome(verdict, threatType || null);
    if (!outcome) continue;
    const notice = renderFeedback(settings.feedbackTemplates[outcome], {
      reporter: submission.reporter,
      subject: submission.subject || "(no subject)",
      sender: submission.sender,
      reportedAt: submission.createdAt.toUTCString(),
      verdict,
      threatType: threatType || verdict.toLowerCase(),
      reportType: submission.reportType ?? "phish",
    });
    const claimed = await prisma.reporterNotice.createMany({
      data: [
        {
          submissionId: submission.id,
          reporter: submission.reporter,
          trigger,
          outcome,
          subject: notice.subject,
          status: "sending",
        },
      ],
      skipDuplicates: true,
    });
    if (!claimed.count) continue;
    const where = { submissionId_trigger_outcome: { submissionId: submission.id, trigger, outcome } };
    try {
      await sendNotice(settings, { to: submission.reporter, ...notice });
      await prisma.reporterNotice.update({ where, data: { status: "sent", sentAt: new Date() } });
    } catch (error) {
      await prisma.reporterNotice.update({ where, data: { status: "failed", error: errorText(error).slice(0, 1000) } });
    }
  }
}

/** Through the configured relay, to the address it resolves to now (the same SSRF check as the mail system connector's). */
async function sendNotice(
  settings: TUserReportedConfig,
  notice: { to: string; subject: string; body: string },
): Promise<void> {
  const host = settings.smtpHost!;
  const { allowedInternalHosts } = await getMailSystemSettings();
  const [{ address }] = await resolveOutboundTarget(host, allowedInternalHosts);
  const transport = nodemailer.createTransport({
    host: address,
    port: settings.smtpPort ?? (settings.smtpSecure ? 465 : 25),
    secure: settings.smtpSecure,
    ...(parseAddress(host) ? {} : { tls: { servername: host } }),
    connectionTimeout: 10_000,
    greetingTimeout: 5_000,
    socketTimeout: 30_000,
  });
  try {
    await transport.sendMail({
      from: settings.feedbackFrom!,
      to: notice.to,
      subject: notice.subject,
      text: notice.body,
      headers: { "Auto-Submitted": "auto-generated" },
    });
  } finally {
    transport.close();
  }
}
