import "server-only";
import { describeKeys } from "@/lib/campaign-keys";
import { formatDateTime } from "@/lib/utils";
import { campaignOfReport } from "@/server/campaigns/campaigns.queries";
import { prisma } from "@/server/db";
import { compromisedUserStart, startInvestigation, type TStartedRun } from "@/server/investigations/start-investigation";
import type { TStep } from "../playbook.types";
import { judgement, maliciousEntities, reportedMessage } from "./reported-message";

export const checkClicks: TStep = {
  key: "url-clicks",
  name: "Users who clicked malicious links",
  phase: "hunting",
  async run(subject) {
    const urls = maliciousEntities(await judgement(subject)).urls;
    if (!urls.length) return { findings: ["No malicious URL: no clicks to look for"], risk: "None" };
    const clicks = await prisma.$queryRaw<{ account: string; clicks: bigint; through: boolean; last: Date }[]>`
      select "accountUpn" as account, count(*) as clicks, bool_or("isClickedThrough" or "actionType" = 'ClickAllowed') as through, max(timestamp) as last
      from "UrlClickEvent" where url = any(${urls}::text[]) group by 1 order by 4 desc`;
    if (!clicks.length) return { findings: [`Nobody clicked ${urls.length === 1 ? "the malicious link" : `the ${urls.length} malicious links`}`], risk: "None" };
    const clickedThrough = clicks.filter((click) => click.through);
    // A user who reached the phishing page may have given their password away: each gets a compromise check. A retried
    // step finds those runs open and starts no second one.
    // One transaction per user: each start holds only its own subject's lock, so two runs never wait on each other.
    const started: TStartedRun[] = [];
    for (const click of clickedThrough) {
      const input = { since: click.last.toISOString(), activityAt: click.last.toISOString() };
      const start = compromisedUserStart(click.account, { detectionSource: `Clicked a malicious link (investigation #${subject.id})`, input, alertIds: [] });
      started.push(await prisma.$transaction((tx) => startInvestigation(start, tx)));
    }
    return {
      findings: [
        `${clicks.length} user(s) clicked, ${clickedThrough.length} reached the page`,
        ...clickedThrough.map((click, index) => `${click.account} clicked through at ${formatDateTime(click.last)}: compromise check in investigation #${started[index].id}${started[index].queueError ? ` (${started[index].queueError})` : ""}`),
      ],
      risk: clickedThrough.length ? "High" : "Medium",
      evidence: clicks.map((click) => ({ kind: "mailbox", entity: click.account, verdict: click.through ? "Suspicious" : "Clean", details: { clicks: Number(click.clicks), clickedThrough: click.through, lastClick: click.last } })),
    };
  },
};

// A finding per other report, up to this many; the count says how many there are.
const LISTED_REPORTS = 10;

/** The other reports of the message's campaign (campaigns/link-campaign.ts): each with who reported what, and what links it. */
export const findOtherReports: TStep = {
  key: "other-reports",
  name: "Other users' reports of similar messages",
  phase: "hunting",
  async run(subject) {
    const message = await reportedMessage(subject);
    const campaign = message.submissionId ? await campaignOfReport(message.submissionId, LISTED_REPORTS) : null;
    if (!campaign?.others.length) return { findings: ["No other user reported a similar message"], risk: "None" };
    const count = campaign.reports - 1;
    return {
      findings: [
        `${count} other report(s) of similar messages (campaign #${campaign.id}, first seen ${campaign.firstSeen.toISOString()})`,
        ...campaign.others.map(
          (report) => `${report.reporter} reported “${report.subject.slice(0, 80)}” from ${report.sender} on ${report.createdAt.toISOString()} (submission ${report.id})${report.shared.length ? `: same ${describeKeys(report.shared)}` : ": linked through another report"}`,
        ),
        ...(count > campaign.others.length ? [`and ${count - campaign.others.length} more`] : []),
      ],
      risk: count > 2 ? "Medium" : "Low",
      evidence: campaign.others.map((report) => ({ kind: "submission", entity: report.id, verdict: report.assessment ?? report.verdict, details: { reporter: report.reporter, sender: report.sender, subject: report.subject, campaignId: campaign.id, shared: report.shared } })),
    };
  },
};
