import "server-only";
import { writeAudit } from "@/server/audit/write-audit";
import type { TPrincipal } from "@/server/auth/principal";
import { prisma } from "@/server/db";
import type { Verdict } from "@/generated/prisma/enums";
import { linkExclusions } from "@/server/campaigns/link-exclusions";
import { notFound } from "@/server/http/app-error";
import { getDetectionSettings } from "@/server/verdicts/detection-settings.service";
import { learnableKeysOfMany, learnFromAssessment } from "@/server/verdicts/learned-verdicts";
import type { TAssessCluster } from "./clusters.schemas";

const VERDICT_OF: Record<TAssessCluster["assessment"], Verdict> = {
  Clean: "Clean",
  Spam: "Suspicious",
  Phish: "Malicious",
  Malware: "Malicious",
};
// A cluster can hold thousands of copies: what it teaches is its commonest senders, link hosts, files and bodies.
const SAMPLED_VALUES = 50;

export type TClusterAssessment = {
  id: number;
  verdict: Verdict;
  assessment: TAssessCluster["assessment"];
  learned: string[];
};

/**
 * An analyst's verdict on a whole email cluster (a campaign the hunt found), audited with before and after. Like an
 * assessment of a submission, it becomes knowledge about the campaign — its senders, link hosts, files and body
 * fingerprints, with the expiry of Settings › Detection — so later reports of it are decided at once, citing the cluster.
 */
export async function assessCluster(id: number, input: TAssessCluster, actor: TPrincipal): Promise<TClusterAssessment> {
  const settings = await getDetectionSettings();
  // The same hosts a report never learns from: the shared ones and the organisation's own.
  const excluded = await linkExclusions(settings);
  return prisma.$transaction(async (tx) => {
    // Locked, so the audit's "before" is what this change replaced even when two analysts assess at once.
    const [before] = await tx.$queryRaw<
      { verdict: Verdict }[]
    >`select verdict from "EmailCluster" where id = ${id} for update`;
    if (!before) throw notFound("The email cluster");
    const [senders, urls, sha256s, bodyFingerprints] = await Promise.all([
      tx.$queryRaw<{ value: string }[]>`
        select e."senderFromAddress" as value from "EmailClusterMember" m join "EmailEvent" e on e.id = m."emailEventId"
        where m."clusterId" = ${id} group by 1 order by count(*) desc, 1 limit ${SAMPLED_VALUES}`,
      tx.$queryRaw<{ value: string }[]>`
        select u.url as value from "EmailClusterMember" m join "EmailEvent" e on e.id = m."emailEventId" join "EmailUrlInfo" u on u."networkMessageId" = e."networkMessageId"
        where m."clusterId" = ${id} group by 1 order by count(*) desc, 1 limit ${SAMPLED_VALUES}`,
      tx.$queryRaw<{ value: string }[]>`
        select a.sha256 as value from "EmailClusterMember" m join "EmailEvent" e on e.id = m."emailEventId" join "EmailAttachmentInfo" a on a."networkMessageId" = e."networkMessageId"
        where m."clusterId" = ${id} group by 1 order by count(*) desc, 1 limit ${SAMPLED_VALUES}`,
      tx.$queryRaw<{ value: string }[]>`
        select e."bodyFingerprint" as value from "EmailClusterMember" m join "EmailEvent" e on e.id = m."emailEventId"
        where m."clusterId" = ${id} and e."bodyFingerprint" is not null and e."bodyFingerprint" <> '' group by 1 order by count(*) desc, 1 limit ${SAMPLED_VALUES}`,
    ]);
    const values = (rows: { value: string }[]) => rows.map((row) => row.value);
    const keys = learnableKeysOfMany(
      {
        senders: values(senders),
        replyTos: [],
        urls: values(urls),
        sha256s: values(sha256s),
        bodyFingerprints: values(bodyFingerprints),
      },
      excluded,
    );
    const verdict = VERDICT_OF[input.assessment];
    await tx.emailCluster.update({ where: { id }, data: { verdict } });
    const learned = await learnFromAssessment(
      {
        keys,
        assessment: input.assessment,
        decidedByName: actor.name,
        source: { clusterId: id },
        days: settings.learningDays,
      },
      tx,
    );
    await writeAudit(
      {
        actor,
        action: "cluster.assess",
        targetType: "emailCluster",
        targetId: id,
        before: { verdict: before.verdict },
        after: { verdict, assessment: input.assessment, learned },
      },
      tx,
    );
    return { id, verdict, assessment: input.assessment, learned };
  });
}
