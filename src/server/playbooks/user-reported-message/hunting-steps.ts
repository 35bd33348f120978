import { describeKeys } from "@/lib/campaign-keys";
import { formatDateTime } from "@/lib/utils";
import type { TStartedRun } from "@/server/investigations/start-investigation";
import { compromisedUserStart } from "../compromised-user/compromised-user-start";
import { judgement, maliciousEntities, reportedMessage, type TReportedMessageStep } from "./reported-message";

export const checkClicks: TReportedMessageStep = {
  key: "url-clicks",
  name: "Users who clicked malicious links",
  phase: "hunting",
  async run(context) {
    const urls = maliciousEntities(await judgement(context)).urls;
    if (!urls.length) return { findings: ["No malicious URL: no clicks to look for"], risk: "None" };
    const clicks = await context.queries.clicksOn(urls);
    if (!clicks.length)
      return {
        findings: [`Nobody clicked ${urls.length === 1 ? "the malicious link" : `the ${urls.length} malicious links`}`],
        risk: "None",
      };
    const clickedThrough = clicks.filter((click) => click.through);
    // A user who reached the phishing page may have given their password away: each gets a compromise check. A retried
    // step finds those runs open and starts no second one.
    const started: TStartedRun[] = [];
    for (const click of clickedThrough) {
      const input = { since: click.last.toISOString(), activityAt: click.last.toISOString() };
      const run = await context.startInvestigation(
        compromisedUserStart(click.account, {
          detectionSource: `Clicked a malicious link (investigation #${context.subject.id})`,
          input,
          alertIds: [],
        }),
      );
      if (run.queueError)
        await context.log(
          `The compromise check on ${click.account} (investigation #${run.id}) ${run.queueError}`,
          "warning",
        );
      started.push(run);
    }
    return {
      findings: [
        `${clicks.length} user(s) clicked, ${clickedThrough.length} reached the page`,
        ...clickedThrough.map(
          (click, index) =>
            `${click.account} clicked through at ${formatDateTime(click.last)}: compromise check in investigation #${started[index].id}${started[index].queueError ? ` (${started[index].queueError})` : ""}`,
        ),
      ],
      risk: clickedThrough.length ? "High" : "Medium",
      evidence: clicks.map((click) => ({
        kind: "mailbox",
        entity: click.account,
        verdict: click.through ? "Suspicious" : "Clean",
        details: { clicks: click.clicks, clickedThrough: click.through, lastClick: click.last },
      })),
    };
  },
};

// A finding per other report, up to this many; the count says how many there are.
const LISTED_REPORTS = 10;

/** The other reports of the message's campaign (campaigns/link-campaign.ts): each with who reported what, and what links it. */
export const findOtherReports: TReportedMessageStep = {
  key: "other-reports",
  name: "Other users' reports of similar messages",
  phase: "hunting",
  async run(context) {
    const message = await reportedMessage(context);
    const campaign = message.submissionId
      ? await context.queries.campaignOfReport(message.submissionId, LISTED_REPORTS)
      : null;
    if (!campaign?.others.length) return { findings: ["No other user reported a similar message"], risk: "None" };
    const count = campaign.reports - 1;
    return {
      findings: [
        `${count} other report(s) of similar messages (campaign #${campaign.id}, first seen ${campaign.firstSeen.toISOString()})`,
        ...campaign.others.map(
          (report) =>
            `${report.reporter} reported “${report.subject.slice(0, 80)}” from ${report.sender} on ${report.createdAt.toISOString()} (submission ${report.id})${report.shared.length ? `: same ${describeKeys(report.shared)}` : ": linked through another report"}`,
        ),
        ...(count > campaign.others.length ? [`and ${count - campaign.others.length} more`] : []),
      ],
      risk: count > 2 ? "Medium" : "Low",
      evidence: campaign.others.map((report) => ({
        kind: "submission",
        entity: report.id,
        verdict: report.assessment ?? report.verdict,
        details: {
          reporter: report.reporter,
          sender: report.sender,
          subject: report.subject,
          campaignId: campaign.id,
          shared: report.shared,
        },
      })),
    };
  },
};
