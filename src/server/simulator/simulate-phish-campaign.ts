import "server-only";
import { SYSTEM } from "@/server/auth/principal";
import { prisma } from "@/server/db";
import { receiveEmailEvents } from "@/server/ingestion/receive-email-events";
import { submitMessage } from "@/server/submissions/submit-message";
import { getUserReportedSettings } from "@/server/user-reported/user-reported-settings.service";
import { buildPhishEml } from "./phish/build-phish-eml";
import { MIN_RECIPIENTS, planPhishCampaign, type PhishCampaignPlan } from "./phish/plan-phish-campaign";
import { reportingMailboxInUse, reportThroughMailbox, type TSubmissionService } from "./phish/report-through-mailbox";

export type SimulatePhishCampaignOptions = {
  seed?: number;
  /** The campaign arrives in the hour before this. */
  now?: Date;
  /** How many mailboxes it reaches (at most all of them). */
  recipients?: number;
  /** Whether one recipient reports their copy (a submission, which starts the user-reported-message playbook). */
  report?: boolean;
  /**
   * Where the reporter logs in to forward their copy when the reporting mailbox is on: the mail sandbox's submission
   * service (default: the SMTP relay's host, port 2587, as `npm run mail:sandbox` starts it).
   */
  submission?: TSubmissionService;
};

export type PhishReport = {
  reporter: string;
  internetMessageId: string;
  networkMessageId: string;
  submissionId: string;
  alertId: number | null;
  investigationId: number;
  /** False when the report joined a run already open on the same campaign. */
  isNewInvestigation: boolean;
  /** Forwarded to the reporting mailbox and read by the worker, or submitted directly (no reporting mailbox). */
  via: "reportingMailbox" | "submission";
};

export type PhishCampaignSummary = {
  scenario: "phish-campaign";
  seed: number;
  senderAddress: string;
  senderDomain: string;
  subject: string;
  bodyFingerprint: string;
  url: string;
  urlDomain: string;
  sha256: string;
  fileName: string;
  recipients: number;
  delivered: number;
  junked: number;
  blocked: number;
  withAttachment: number;
  /** EmailEvents rows this run newly wrote: zero when the same seed and time run again. */
  inserted: number;
  /** Accounts that clicked through to the phishing site. */
  clicks: string[];
  reported: PhishReport | null;
};

/** A phishing campaign against the organisation, through the mail system's ingestion; then one recipient reports it. */
export async function simulatePhishCampaign({
  report = true,
  submission,
  ...options
}: SimulatePhishCampaignOptions = {}): Promise<PhishCampaignSummary> {
  const { plan, seed, inserted } = await sendPhishCampaign(options);
  const mailbox = report ? await reportingMailboxInUse() : null;
  const reported = !report
    ? null
    : mailbox
      ? await reportThroughReportingMailbox(plan, mailbox, submission)
      : await reportPhishCopy(plan);
  const count = (action: string) => plan.copies.filter((copy) => copy.deliveryAction === action).length;
  return {
    scenario: "phish-campaign",
    seed,
    senderAddress: plan.sender.address,
    senderDomain: plan.sender.domain,
    subject: plan.subject,
    bodyFingerprint: plan.reportedCopy.bodyFingerprint!,
    url: plan.url,
    urlDomain: new URL(plan.url).hostname,
    sha256: plan.attachment.sha256,
    fileName: plan.attachment.fileName,
    recipients: plan.copies.length,
    delivered: count("Delivered"),
    junked: count("Junked"),
    blocked: count("Blocked"),
    withAttachment: plan.copies.filter((copy) => copy.attachments?.length).length,
    inserted,
    clicks: plan.clicks.filter((click) => click.isClickedThrough).map((click) => click.accountUpn),
    reported,
  };
}

/** Delivers the campaign's copies and records its clicks; nobody reports it yet. */
export async function sendPhishCampaign({
  seed = 1,
  now = new Date(),
  recipients = 300,
}: Omit<SimulatePhishCampaignOptions, "report"> = {}) {
  const mailboxes = (await prisma.mailbox.findMany({ select: { address: true }, orderBy: { address: "asc" } })).map(
    (mailbox) => mailbox.address,
  );
  if (mailboxes.length < MIN_RECIPIENTS) {
    throw new Error(
      `the phish-campaign scenario needs an organisation of ${MIN_RECIPIENTS} mailboxes or more: run \`npm run simulate -- org\` first`,
    );
  }
  const plan = planPhishCampaign({
    seed,
    orgDomain: mostCommonDomain(mailboxes),
    mailboxes,
    recipients: Math.min(recipients, mailboxes.length),
    now,
  });
  const mail = await receiveEmailEvents(plan.copies);
  // Clicks come from Safe Links, not from the mail flow, and no ingestion route takes them: one set-based insert,
  // skipping the ones a re-run already wrote.
  await prisma.urlClickEvent.createMany({ data: plan.clicks, skipDuplicates: true });
  return { plan, seed, inserted: mail.inserted };
}

/** The recipient of the plan's reported copy submits it as an .eml, as the Report button does. */
export async function reportPhishCopy(plan: PhishCampaignPlan): Promise<PhishReport> {
  const copy = plan.reportedCopy;
  const raw = await buildPhishEml(plan, copy);
  const submitted = await submitMessage({ kind: "eml", raw, reporter: copy.recipientEmailAddress }, SYSTEM);
  return {
    reporter: copy.recipientEmailAddress,
    internetMessageId: copy.internetMessageId,
    networkMessageId: copy.networkMessageId,
    submissionId: submitted.submissionId,
    alertId: submitted.alertId,
    investigationId: submitted.investigationId,
    isNewInvestigation: submitted.isNewInvestigation,
    via: "submission",
  };
}

/** The recipient forwards their copy to the reporting mailbox as an attachment; the worker's reader submits it. */
async function reportThroughReportingMailbox(
  plan: PhishCampaignPlan,
  mailbox: string,
  submission: TSubmissionService | undefined,
): Promise<PhishReport> {
  const copy = plan.reportedCopy;
  const relay = (await getUserReportedSettings()).smtpHost ?? "127.0.0.1";
  const reported = await reportThroughMailbox({
    mailbox,
    reporter: copy.recipientEmailAddress,
    original: await buildPhishEml(plan, copy),
    subject: copy.subject,
    submission: submission ?? { host: relay, port: 2587 },
  });
  const run = await prisma.investigation.findUniqueOrThrow({
    where: { id: reported.investigationId },
    select: { input: true },
  });
  return {
    reporter: copy.recipientEmailAddress,
    internetMessageId: copy.internetMessageId,
    networkMessageId: copy.networkMessageId,
    submissionId: reported.submissionId,
    alertId: reported.alertId,
    investigationId: reported.investigationId,
    isNewInvestigation: (run.input as { submissionId?: string }).submissionId === reported.submissionId,
    via: "reportingMailbox",
  };
}

function mostCommonDomain(addresses: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const address of addresses) {
    const domain = address.split("@")[1];
    counts.set(domain, (counts.get(domain) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1])[0][0];
}
