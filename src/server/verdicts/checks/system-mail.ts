// Mail that machines send about mail: delivery reports, abuse reports, calendar invitations. Recognised for what they
// are, so a reported bounce is not judged as the lure it quotes.
import type { TCheck } from "../check";
import { hasHeader } from "../email-input";
import type { TSignal } from "../signal";
import { brandsPretended } from "./impersonation";

const system = (id: string, weight: number, evidence: string): TSignal => ({
  id,
  category: "system",
  weight,
  threatType: null,
  evidence,
});

export const systemMailCheck: TCheck = {
  name: "system-mail",
  run(email, context) {
    const type = email.contentType;
    const partTypes = email.attachments.map((file) => file.contentType.toLowerCase());
    const signals: TSignal[] = [];
    if (/multipart\/report/.test(type) && /report-type\s*=\s*"?delivery-status/.test(type)) {
      signals.push(
        system("system.delivery_report", -6, "A delivery status notification (multipart/report; delivery-status)"),
      );
    } else if (/multipart\/report/.test(type) && /report-type\s*=\s*"?feedback-report/.test(type)) {
      signals.push(
        system(
          "system.abuse_report",
          -6,
          "An abuse report in the Abuse Reporting Format (multipart/report; feedback-report)",
        ),
      );
    } else if (
      partTypes.some((part) => part === "message/delivery-status" || part === "message/global-delivery-status")
    ) {
      signals.push(
        system("system.delivery_report", -4, "A delivery status notification (a message/delivery-status part)"),
      );
    } else if (partTypes.includes("message/feedback-report")) {
      signals.push(system("system.abuse_report", -4, "An abuse report (a message/feedback-report part)"));
    }
    // DMARC aggregate (RFC 7489 §7.2) and SMTP TLS (RFC 8460) reports: machine-made, sent by mailbox providers.
    const isDmarcReport =
      /^report domain: .+ submitter: /i.test(email.subject) &&
      email.attachments.some((file) => /\.(xml|xml\.gz|zip|gz)$/i.test(file.fileName));
    const isTlsReport =
      hasHeader(email, "tls-report-domain") ||
      partTypes.includes("application/tlsrpt+gzip") ||
      partTypes.includes("application/tlsrpt+json");
    if (isDmarcReport || isTlsReport)
      signals.push(
        system("system.aggregate_report", -4, isDmarcReport ? "A DMARC aggregate report" : "An SMTP TLS report"),
      );
    // An invitation from a sender that pretends to be a brand is a lure riding on the calendar (a fake "offer" or
    // "delivery" slot that lands in the calendar too), not the meeting it lowers suspicion for.
    const isCalendar =
      /text\/calendar/.test(type) || partTypes.includes("text/calendar") || partTypes.includes("application/ics");
    if (isCalendar && brandsPretended(email, context.brands).length === 0) {
      signals.push(system("system.calendar_invitation", -2, "A calendar invitation (text/calendar)"));
    }
    if (/multipart\/signed/.test(type) && /pkcs7-signature/.test(type))
      signals.push(system("system.smime_signed", -1, "Signed with S/MIME"));
    return signals;
  },
};
