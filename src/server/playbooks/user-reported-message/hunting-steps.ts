import "server-only";
import { prisma } from "@/server/db";
import { investigateCompromisedUser, queueNewRuns, type TStartedRun } from "@/server/investigations/start-investigation";
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
    // Users in address order: each start takes its subject's lock, and two runs taking them in one order never deadlock.
    const runs = await prisma.$transaction(async (tx) => {
      const byAccount = new Map<string, TStartedRun>();
      for (const click of [...clickedThrough].sort((a, b) => a.account.localeCompare(b.account))) {
        byAccount.set(click.account, await investigateCompromisedUser(click.account, { detectionSource: `Clicked a malicious link (investigation #${subject.id})`, input: { since: click.last.toISOString(), activityAt: click.last.toISOString() }, alertIds: [] }, tx));
      }
      return byAccount;
    });
    const started = clickedThrough.map((click) => runs.get(click.account)!);
    await queueNewRuns(started);
    return {
      findings: [
        `${clicks.length} user(s) clicked, ${clickedThrough.length} reached the page`,
        ...clickedThrough.map((click, index) => `${click.account} clicked through at ${click.last.toISOString()}: compromise check in investigation #${started[index].id}`),
      ],
      risk: clickedThrough.length ? "High" : "Medium",
      evidence: clicks.map((click) => ({ kind: "mailbox", entity: click.account, verdict: click.through ? "Suspicious" : "Clean", details: { clicks: Number(click.clicks), clickedThrough: click.through, lastClick: click.last } })),
    };
  },
};

export const findOtherReports: TStep = {
  key: "other-reports",
  name: "Other users' reports of similar messages",
  phase: "hunting",
  async run(subject) {
    const message = await reportedMessage(subject);
    const [reports] = await prisma.$queryRaw<{ count: bigint; reporters: string[] | null }[]>`
      select count(*) as count, (array_agg(distinct reporter))[1:10] as reporters from "Submission"
      where id <> ${message.submissionId ?? ""}
        and ("internetMessageId" = ${message.internetMessageId ?? ""}
          or ("bodyFingerprint" = ${message.bodyFingerprint ?? ""} and "senderDomain" = ${message.senderDomain}))`;
    const count = Number(reports.count);
    if (!count) return { findings: ["No other user reported a similar message"], risk: "None" };
    return { findings: [`${count} other report(s) of similar messages, by ${reports.reporters?.join(", ")}${count > 10 ? " and others" : ""}`], risk: count > 2 ? "Medium" : "Low" };
  },
};
