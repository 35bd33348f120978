import { emailFrom, type TEmail } from "@/server/verdicts/email-input";

/** A message as the detection engine reads it: an ordinary note from a colleague at another firm, changed by `overrides`. */
export function engineEmail(overrides: Partial<Omit<TEmail, "storedAuthentication">> = {}): TEmail {
  return emailFrom({
    subject: "Minutes of Tuesday's meeting",
    senderAddress: "maria@fabrikam.com",
    senderDisplayName: "Maria Garcia",
    mailFromAddress: "maria@fabrikam.com",
    replyTo: [],
    recipients: ["ada@contoso.com"],
    senderIPv4: "198.51.100.7",
    headers: [],
    authentication: { spf: "none", dkim: "none", dmarc: "none", compAuth: "none" },
    contentType: "text/plain",
    textBody: "Hi Ada, the minutes are below. Thanks, Maria",
    html: "",
    urls: [],
    attachments: [],
    ...overrides,
  });
}
