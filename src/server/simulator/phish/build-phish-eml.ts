import "server-only";
import MailComposer from "nodemailer/lib/mail-composer";
import type { TEmailEventInput } from "@/server/ingestion/ingestion.schemas";
import { renderBody } from "./phish-content";
import type { PhishCampaignPlan } from "./plan-phish-campaign";

/**
 * The copy as its recipient's mailbox holds it, as the Report button sends it: the headers Exchange Online stamps on
 * arrival (Received from the sender's IP, Authentication-Results as stored, the NetworkMessageId), then the message.
 */
export function buildPhishEml(plan: PhishCampaignPlan, copy: TEmailEventInput): Promise<Buffer> {
  const { sender, url, attachment } = plan;
  // Both parts, as bulk mailers send them: a mail client shows the HTML, whose link text hides the address behind it.
  const { text, html } = renderBody(plan.lure, url, attachment.fileName, copy.recipientEmailAddress);
  const date = new Date(copy.timestamp);
  const receivedBy = `mx1.${copy.recipientEmailAddress.split("@")[1]}`;
  return new MailComposer({
    from: { name: sender.displayName, address: sender.address },
    to: copy.recipientEmailAddress,
    subject: copy.subject,
    messageId: copy.internetMessageId,
    date,
    text,
    html,
    headers: {
      Received: `from mail.${sender.domain} (mail.${sender.domain} [${sender.ip}]) by ${receivedBy} with ESMTPS; ${date.toUTCString()}`,
      "Return-Path": `<${sender.mailFromAddress}>`,
      "Authentication-Results": authenticationResults(plan, copy),
      "X-MS-Exchange-Organization-Network-Message-Id": copy.networkMessageId,
    },
    attachments: copy.attachments?.length
      ? [{ filename: attachment.fileName, content: attachment.content, contentType: "text/html" }]
      : [],
  })
    .compile()
    .build();
}

// In Exchange Online's wording, so a parser that reads real reported mail reads this too.
function authenticationResults(plan: PhishCampaignPlan, copy: TEmailEventInput): string {
  const { spf, dkim, dmarc, compAuth } = copy.authenticationDetails;
  const mailFromDomain = plan.sender.mailFromAddress.split("@")[1];
  const dkimComment =
    dkim === "none"
      ? "(message not signed) header.d=none"
      : `(signature did not verify) header.d=${plan.sender.domain}`;
  return [
    `spf=${spf} (sender IP is ${plan.sender.ip}) smtp.mailfrom=${mailFromDomain}`,
    `dkim=${dkim} ${dkimComment}`,
    `dmarc=${dmarc} action=none header.from=${plan.sender.domain}`,
    `compauth=${compAuth} reason=000`,
  ].join("; ");
}
