// Mail sent to many by a bulk service: newsletters and marketing. Its marks give a bulk complaint level (0–9, as
// Defender's BulkComplaintLevel); bulk mail is a nuisance to filter, not phishing to remediate.
import type { TCheck } from "../check";
import { hasHeader, headerValues, isListPost, type TEmail } from "../email-input";
import type { TSignal } from "../signal";

// Headers that the big sending services add to every message they send.
const BULK_SENDER_HEADERS = [
  "x-mailgun-sid",
  "x-mailgun-variables",
  "x-ses-outgoing",
  "x-sg-eid",
  "x-sg-id",
  "x-mc-user",
  "x-mandrill-user",
  "x-campaign",
  "x-campaignid",
  "x-campaign-id",
  "x-mailchimp-id",
  "x-sfmc-stack",
  "x-mktmailid",
  "x-mailer-recptid",
  "x-csa-complaints",
  "x-ms-exchange-organization-bulk",
  "x-rpcampaign",
  "x-job",
  "x-mc-relay",
  "x-feedback-id",
  "feedback-id",
  "x-listmember",
  "x-pm-message-id",
  "x-postmark-message-id",
  "x-cm-message-id",
  "x-sparkpost-message-id",
  "x-msfbl",
  "x-smtpapi",
  "x-hubspot-mail",
  "x-marketo-message",
];
const BULK_MAILERS =
  /mailchimp|sendgrid|mailgun|amazon ses|sendinblue|brevo|hubspot|marketo|campaign monitor|constant contact|mailjet|klaviyo|salesforce|exacttarget|acoustic|substack|mailerlite|phplist|sympa|mailman|listserv|ezmlm|google groups/i;

/** The bulk complaint level (0–9) from the message's bulk marks. */
export function bulkComplaintLevel(email: TEmail): number {
  let level = 0;
  if (hasHeader(email, "list-unsubscribe")) level += 3;
  if (hasHeader(email, "list-unsubscribe-post")) level += 1;
  if (headerValues(email, "precedence").some((value) => /bulk|list|junk/i.test(value))) level += 2;
  if (BULK_SENDER_HEADERS.some((key) => hasHeader(email, key))) level += 2;
  if ([...headerValues(email, "x-mailer"), ...headerValues(email, "list-id")].some((value) => BULK_MAILERS.test(value)))
    level += 1;
  if (headerValues(email, "auto-submitted").some((value) => !/^no\b/i.test(value))) level += 1;
  return Math.min(9, level);
}

export const bulkMailCheck: TCheck = {
  name: "bulk-mail",
  run(email) {
    const signals: TSignal[] = [];
    const level = bulkComplaintLevel(email);
    if (level >= 4)
      signals.push({
        id: "bulk.bulk_sender",
        category: "bulk",
        weight: level,
        threatType: "Bulk",
        evidence: `Sent by a bulk mailing service or list (bulk complaint level ${level}): unsubscribe header, bulk precedence or sending-service marks`,
      });
    // A discussion list names itself and says where to post: that is how mailing lists work, not how lures do.
    if (isListPost(email)) {
      signals.push({
        id: "bulk.mailing_list",
        category: "bulk",
        weight: -2.5,
        threatType: null,
        evidence: `A mailing-list post (${headerValues(email, "list-id")[0]})`,
      });
    } else if (hasHeader(email, "list-unsubscribe")) {
      signals.push({
        id: "bulk.unsubscribe",
        category: "bulk",
        weight: -1,
        threatType: null,
        evidence: "The message offers to unsubscribe, as a legitimate mailing does",
      });
    }
    return signals;
  },
};
