import { formatDateTime } from "@/lib/utils";
import { detectionRecord } from "@/server/verdicts/detection-record";
import type { TEvidenceInput, TRisk } from "../playbook.types";
import { judgement, messageVerdict, reportedMessage, type TReportedMessageStep } from "./reported-message";

const RISK_OF = { Malicious: "High", Suspicious: "Medium", Clean: "None", Unknown: "Low" } as const satisfies Record<
  string,
  TRisk
>;

export const assessThreat: TReportedMessageStep = {
  key: "threat-type",
  name: "Threat type and verdict",
  phase: "root",
  async run(context) {
    const [message, judged, verdict] = await Promise.all([
      reportedMessage(context),
      judgement(context),
      messageVerdict(context),
    ]);
    // The Submissions view shows the playbook's verdict on every report the run holds (others joined it); writing it
    // again on a retried step changes nothing.
    const detection = detectionRecord(judged.detection, judged.rspamd);
    const threatType = message.assessment ? verdict.threatType : judged.detection.threatType;
    const reports = {
      OR: [...(message.submissionId ? [{ id: message.submissionId }] : []), { investigationId: context.subject.id }],
    };
    // The verdict is final here: the users who reported through the reporting mailbox are told (when feedback is on).
    await context.queries.recordVerdict(reports, { verdict: verdict.verdict, threatType, detection });
    const evidence: TEvidenceInput[] = [
      {
        kind: "email",
        entity: message.internetMessageId ?? message.subject,
        verdict: verdict.verdict,
        details: {
          subject: message.subject,
          sender: message.sender,
          reporter: message.reporter,
          reasons: verdict.reasons,
          detection,
        },
      },
      ...Object.entries(judged.urls).map(([url, entity]) => ({
        kind: "url",
        entity: url,
        verdict: entity.verdict,
        details: { reasons: entity.reasons, threatType: entity.threatType },
      })),
      ...message.attachments.map((file) => {
        const entity = judged.files[file.sha256];
        return {
          kind: "file",
          entity: file.sha256,
          verdict: entity?.verdict ?? "Unknown",
          details: { fileName: file.fileName, reasons: entity?.reasons ?? [] },
        };
      }),
    ];
    const threat = threatType ? ` (${threatType})` : "";
    const signals = judged.detection.signals
      .filter((signal) => signal.weight !== 0)
      .map((signal) => `${signal.weight > 0 ? "+" : ""}${signal.weight} ${signal.id}: ${signal.evidence}`);
    return {
      findings: [
        `Verdict: ${verdict.verdict}${threat}, ${judged.detection.confidence.toLowerCase()} confidence`,
        ...verdict.reasons,
        `${message.urls.length} URL(s), ${message.attachments.length} attachment(s) examined`,
        ...(signals.length ? [`Signals: ${signals.join(" · ")}`] : []),
        judged.rspamd,
      ],
      risk: RISK_OF[verdict.verdict],
      evidence,
    };
  },
};

export const checkSender: TReportedMessageStep = {
  key: "sender",
  name: "Sender and sending infrastructure",
  phase: "root",
  async run(context) {
    const [message, judged] = await Promise.all([reportedMessage(context), judgement(context)]);
    const auth = ["spf", "dkim", "dmarc"].map(
      (check) =>
        `${check.toUpperCase()} ${message.authentication[check] ?? message.authentication[check.toUpperCase()] ?? "none"}`,
    );
    const failing = auth.filter((line) => !line.endsWith("pass"));
    return {
      findings: [
        `Sent by ${message.senderDisplayName ? `"${message.senderDisplayName}" ` : ""}${message.sender ? `<${message.sender}>` : "(the From header has no address)"} from ${message.senderIPv4 ?? "an unknown IP address"}`,
        `Authentication: ${auth.join(", ")}`,
        ...(message.replyTo.some((address) => address !== message.sender)
          ? [`Replies go to ${message.replyTo.join(", ")}`]
          : []),
        ...(message.wrapper
          ? [
              `The original came attached to a message from ${message.wrapper.senderAddress || "an unknown sender"} ("${message.wrapper.subject}"); the original is what was judged`,
            ]
          : []),
        ...judged.sender.reasons,
      ],
      risk:
        judged.sender.verdict === "Clean" && !failing.length
          ? "None"
          : RISK_OF[judged.sender.verdict === "Clean" ? "Suspicious" : judged.sender.verdict],
      evidence: [
        ...(message.sender
          ? [
              {
                kind: "sender",
                entity: message.sender,
                verdict: judged.sender.verdict,
                details: {
                  displayName: message.senderDisplayName,
                  domain: message.senderDomain,
                  reasons: judged.sender.reasons,
                },
              },
            ]
          : []),
        ...(message.senderIPv4
          ? [
              {
                kind: "ip",
                entity: message.senderIPv4,
                verdict: judged.sender.verdict,
                details: { authentication: message.authentication },
              },
            ]
          : []),
      ],
    };
  },
};

export const findOtherInstances: TReportedMessageStep = {
  key: "other-instances",
  name: "Other instances delivered or blocked",
  phase: "root",
  async run(context) {
    const message = await reportedMessage(context);
    // The same message (Message-ID) or its twins: the same body from the same sender domain.
    const rows = await context.queries.copiesByAction(message);
    if (!rows.length)
      return { findings: ["No copy of this message reached the organisation's mail flow"], risk: "None" };
    const total = rows.reduce((sum, row) => sum + row.count, 0);
    const delivered = rows.filter((row) => row.action === "Delivered").reduce((sum, row) => sum + row.count, 0);
    return {
      findings: [
        `${total.toLocaleString("en-US")} copies: ${rows.map((row) => `${row.count.toLocaleString("en-US")} ${row.action.toLowerCase()}`).join(", ")}`,
      ],
      risk: delivered > 1 ? "Medium" : "Low",
    };
  },
};

// Below this many recipients a look-alike message is a one-off, not a campaign.
const CAMPAIGN_MIN_RECIPIENTS = 5;

export const findCampaign: TReportedMessageStep = {
  key: "campaign",
  name: "Campaign association",
  phase: "root",
  async run(context) {
    const message = await reportedMessage(context);
    if (!message.bodyFingerprint)
      return { findings: ["The message has no body to compare: no campaign association"], risk: "None" };
    const campaign = await context.queries.campaignSpread(message.bodyFingerprint, message.senderDomain);
    const { recipients } = campaign;
    if (recipients < CAMPAIGN_MIN_RECIPIENTS)
      return { findings: [`Sent to ${recipients} recipient(s): not a campaign`], risk: "None" };
    const name = `Campaign from ${message.senderDomain}: “${message.subject.slice(0, 80)}”`;
    return {
      findings: [
        `Part of a campaign: ${recipients.toLocaleString("en-US")} recipients between ${formatDateTime(campaign.first)} and ${formatDateTime(campaign.last)}, from ${campaign.ips.join(", ") || "unknown IPs"}`,
      ],
      risk: "Medium",
      evidence: [
        {
          kind: "campaign",
          entity: name,
          verdict: (await messageVerdict(context)).verdict,
          details: {
            messages: campaign.messages,
            recipients,
            first: campaign.first,
            last: campaign.last,
            senderIPs: campaign.ips,
          },
        },
      ],
    };
  },
};

export const readAnalystAssessment: TReportedMessageStep = {
  key: "analyst-assessment",
  name: "Analyst assessment",
  phase: "root",
  async run(context) {
    const message = await reportedMessage(context);
    if (!message.assessment)
      return {
        findings: [
          "No analyst assessment yet: set one on the Submissions page, and it takes precedence over the automatic verdict",
        ],
        risk: "None",
      };
    return {
      findings: [`Assessed ${message.assessment.toLowerCase()} by ${message.assessedByName ?? "an analyst"}`],
      risk: RISK_OF[message.assessment],
    };
  },
};
