import type { Verdict } from "@/generated/prisma/enums";
import { webUrlHost } from "@/server/intel/domain-names";
import type { TManualInput } from "../playbook-inputs";
import type { TClusterInput, TStep, TStepResult } from "../playbook.types";
import {
  huntingSince,
  judgement,
  maliciousEntities,
  messageVerdict,
  reportedMessage,
  type TReportedMessage,
  type TReportedMessageContext,
  type TReportedMessageStep,
} from "./reported-message";
import type { TUserReportedMessageQueries } from "./user-reported-message.queries";

/** `reports`: how many reports carry the entity, for a search on what links a campaign. */
type TClusterSearch = Omit<TClusterInput, "verdict"> & { verdict: Verdict; entityKey: string; reports?: number };

// A message can carry a thousand links that one domain indicator makes malicious; each cluster is sized and written
// in the step's transaction, so a step makes at most this many and says how many it left out.
const MAX_CLUSTERS_PER_STEP = 25;

/**
 * Sizes each cluster search with one counting query, and makes the ones that found mail into clusters. A malicious
 * cluster with copies still in mailboxes gets a recommended soft delete, which automation may carry out.
 */
async function clusterResult(
  queries: Pick<TUserReportedMessageQueries, "clusterSize">,
  searches: TClusterSearch[],
  emptyFinding: string,
): Promise<TStepResult> {
  const result: Required<Pick<TStepResult, "findings" | "clusters" | "actions" | "evidence">> & TStepResult = {
    findings: [],
    risk: "None",
    clusters: [],
    actions: [],
    evidence: [],
  };
  for (const search of searches.slice(0, MAX_CLUSTERS_PER_STEP)) {
    const { total, inMailboxes } = await queries.clusterSize(search.where);
    if (!total) {
      // The other reports are the campaign's only copies: say so, there is no stored mail to cluster.
      if (search.reports) result.findings.push(`${search.name}: no copies in the tenant store`);
      continue;
    }
    const { entityKey, reports: _reports, ...cluster } = search;
    result.clusters.push(cluster);
    result.evidence.push({
      kind: "emailCluster",
      entity: search.name,
      verdict: search.verdict,
      details: { kind: search.kind, messages: total, inMailboxes },
    });
    const isRemediable = search.verdict === "Malicious" && inMailboxes > 0;
    result.findings.push(
      `${search.name}: ${total.toLocaleString("en-US")} messages, ${inMailboxes.toLocaleString("en-US")} still in mailboxes${isRemediable ? " — soft delete recommended" : ""}`,
    );
    if (isRemediable) {
      result.actions.push({
        type: "softDelete",
        entity: search.name,
        entityKey,
        target: { cluster: search.name, kind: search.kind },
        clusterName: search.name,
      });
      result.risk = "High";
    } else if (search.verdict !== "Clean" && result.risk === "None") {
      result.risk = "Medium";
    }
  }
  if (searches.length > MAX_CLUSTERS_PER_STEP)
    result.findings.push(
      `${searches.length - MAX_CLUSTERS_PER_STEP} more malicious entities were not clustered (at most ${MAX_CLUSTERS_PER_STEP} clusters a step)`,
    );
  if (!result.findings.length) result.findings.push(emptyFinding);
  return result;
}

const kql = (value: string) => JSON.stringify(value);

// What links the report to others, searched before it is judged: shown and sized, never remediated on that alone.
const campaignVerdict = "Suspicious" as const;

async function campaignEntities(
  { queries }: TReportedMessageContext,
  message: TReportedMessage,
  kind: "urlHost" | "sha256",
) {
  if (!message.submissionId) return [];
  return (await queries.sharedEntitiesOf(message.submissionId, MAX_CLUSTERS_PER_STEP)).filter(
    (entity) => entity.kind === kind,
  );
}
const sinceText = (message: TReportedMessage) => huntingSince(message).toISOString();

export const clusterSimilarUrls: TReportedMessageStep = {
  key: "similar-urls",
  name: "Email cluster search: similar URLs",
  phase: "hunting",
  async run(context) {
    const [message, judged] = await Promise.all([reportedMessage(context), judgement(context)]);
    const since = huntingSince(message);
    const malicious = maliciousEntities(judged).urls;
    const maliciousHosts = new Set(malicious.map((url) => webUrlHost(url)));
    const hostSearches = (await campaignEntities(context, message, "urlHost"))
      .filter((entity) => !maliciousHosts.has(entity.value))
      .map((entity) => ({
        kind: "similarUrls",
        name: `Messages with links to ${entity.value} (in ${entity.reports} reports)`,
        queryText: `EmailUrlInfo | where UrlDomain == ${kql(entity.value)} | join kind=inner (EmailEvents | where Timestamp >= datetime(${sinceText(message)})) on NetworkMessageId`,
        query: { urlHost: entity.value, since: since.toISOString() },
        where: context.queries.clusterWhere.urlHost(entity.value, since),
        verdict: campaignVerdict,
        entityKey: `urlHost:${entity.value}`,
        reports: entity.reports,
      }));
    const searches = malicious.map((url) => ({
      kind: "similarUrls",
      name: `Messages with the URL ${url}`,
      queryText: `EmailUrlInfo | where Url == ${kql(url)} | join kind=inner (EmailEvents | where Timestamp >= datetime(${sinceText(message)})) on NetworkMessageId`,
      query: { url, since: since.toISOString() },
      where: context.queries.clusterWhere.url(url, since),
      verdict: "Malicious" as const,
      entityKey: `url:${url}`,
    }));
    return clusterResult(
      context.queries,
      [...searches, ...hostSearches],
      "No malicious URL and no link host shared with other reports: no URL cluster to search",
    );
  },
};

export const clusterSimilarFiles: TReportedMessageStep = {
  key: "similar-files",
  name: "Email cluster search: similar files",
  phase: "hunting",
  async run(context) {
    const [message, judged] = await Promise.all([reportedMessage(context), judgement(context)]);
    const since = huntingSince(message);
    const names = new Map(message.attachments.map((file) => [file.sha256, file.fileName]));
    const malicious = maliciousEntities(judged).files;
    const shared = (await campaignEntities(context, message, "sha256")).filter(
      (entity) => !malicious.includes(entity.value),
    );
    const searches = [
      ...malicious.map((sha256) => ({ sha256, reports: undefined, verdict: "Malicious" as const })),
      ...shared.map((entity) => ({ sha256: entity.value, reports: entity.reports, verdict: campaignVerdict })),
    ].map(({ sha256, reports, verdict }) => ({
      kind: "similarFiles",
      name: `Messages with the file ${names.get(sha256) ?? sha256.slice(0, 12)} (SHA-256 ${sha256.slice(0, 12)}…)${reports ? ` (in ${reports} reports)` : ""}`,
      queryText: `EmailAttachmentInfo | where SHA256 == ${kql(sha256)} | join kind=inner (EmailEvents | where Timestamp >= datetime(${sinceText(message)})) on NetworkMessageId, RecipientEmailAddress`,
      query: { sha256, since: since.toISOString() },
      where: context.queries.clusterWhere.file(sha256, since),
      verdict,
      entityKey: `file:${sha256}`,
      reports,
    }));
    return clusterResult(
      context.queries,
      searches,
      "No malicious attachment and no file shared with other reports: no file cluster to search",
    );
  },
};

export const clusterSimilarMessages: TReportedMessageStep = {
  key: "similar-messages",
  name: "Email cluster search: similar messages",
  phase: "hunting",
  async run(context) {
    const [message, verdict] = await Promise.all([reportedMessage(context), messageVerdict(context)]);
    if (!message.bodyFingerprint)
      return { findings: ["The message has no body fingerprint: no similar-message search"], risk: "None" };
    const since = huntingSince(message);
    return clusterResult(
      context.queries,
      [
        {
          kind: "similarMessages",
          name: `Messages like “${message.subject.slice(0, 60)}” from ${message.senderDomain}`,
          queryText: `EmailEvents | where BodyFingerprint == ${kql(message.bodyFingerprint)} and (SenderFromDomain == ${kql(message.senderDomain)}${message.senderIPv4 ? ` or SenderIPv4 == ${kql(message.senderIPv4)}` : ""}) and Timestamp >= datetime(${sinceText(message)})`,
          query: {
            bodyFingerprint: message.bodyFingerprint,
            senderDomain: message.senderDomain,
            senderIPv4: message.senderIPv4,
            since: since.toISOString(),
          },
          where: context.queries.clusterWhere.similarMessages(
            {
              bodyFingerprint: message.bodyFingerprint,
              senderDomain: message.senderDomain,
              senderIPv4: message.senderIPv4,
            },
            since,
          ),
          verdict: verdict.verdict,
          entityKey: `message:${message.bodyFingerprint}:${message.senderDomain}`,
        },
      ],
      "No similar messages",
    );
  },
};

/** Only in the manual playbook: the selection itself is its first cluster. */
export const clusterSelection: TStep<TManualInput, TUserReportedMessageQueries> = {
  key: "selected-messages",
  name: "The selected messages",
  phase: "hunting",
  async run(context) {
    const { subject } = context;
    const { selection, messageCount: count, triggeredBy } = subject.input;
    const verdict = await messageVerdict(context);
    return clusterResult(
      context.queries,
      [
        {
          kind: "selection",
          name: `Messages selected in Threat Explorer by ${triggeredBy}`,
          queryText:
            "networkMessageIds" in selection
              ? `EmailEvents | where NetworkMessageId in (${selection.networkMessageIds.map(kql).join(", ")})`
              : `Threat Explorer search ${JSON.stringify(selection.filters)}`,
          query: { selection, messageCount: count },
          where: context.queries.clusterWhere.selection(selection),
          verdict: verdict.verdict,
          entityKey: `selection:${subject.id}`,
        },
      ],
      "The selected messages are no longer in the tenant store",
    );
  },
};
