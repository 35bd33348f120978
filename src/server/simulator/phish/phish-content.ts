import "server-only";
import type { Random } from "@/lib/random";
import type { TEmailEventInput } from "@/server/ingestion/ingestion.schemas";

// What a credential-phishing campaign against the organisation looks like: a sender on a domain that imitates the
// organisation's own, a link to a lookalike sign-in host, and a lure that claims to come from its IT department.
// Everything stays under .example, so nothing points at a real host.

type Auth = TEmailEventInput["authenticationDetails"];

export type PhishTheme = {
  displayName: string;
  localPart: string;
  subject: string;
  fileStem: string;
  /** Paragraphs of the body; `{link}` is the paragraph holding the link, `{file}` the attachment's name. */
  paragraphs: readonly string[];
};

const THEMES: readonly ((org: string) => PhishTheme)[] = [
  (org) => ({
    displayName: `${org} IT Helpdesk`,
    localPart: "helpdesk",
    subject: `Action required: your ${org} password expires today`,
    fileStem: "Password-Policy",
    paragraphs: [
      "Hello,",
      `Your ${org} password expires today. To keep access to mail, Teams and the VPN, confirm your current password within 24 hours:`,
      "{link}",
      "The updated password policy is attached ({file}).",
    ],
  }),
  (org) => ({
    displayName: `${org} Service Desk`,
    localPart: "servicedesk",
    subject: "Your mailbox is almost full: verify your account to keep receiving mail",
    fileStem: "Mailbox-Quota",
    paragraphs: [
      "Dear user,",
      "Your mailbox has reached its storage limit and incoming messages are being held. Verify your account to release them:",
      "{link}",
      "Details of the held messages are in the attached report ({file}).",
    ],
  }),
  (org) => ({
    displayName: `${org} IT Security`,
    localPart: "it-security",
    subject: `Security notice: unusual sign-in to your ${org} account`,
    fileStem: "Sign-in-Report",
    paragraphs: [
      "Hello,",
      `We blocked a sign-in to your ${org} account from an unrecognised device. If this was not you, secure your account now:`,
      "{link}",
      "The sign-in report is attached ({file}).",
    ],
  }),
];

// Digits and letters that pass for one another at a glance.
const HOMOGLYPHS: Record<string, string> = { o: "0", l: "1", i: "1", e: "3", a: "4", s: "5" };

function homoglyph(label: string): string {
  const index = [...label].findIndex((char) => char in HOMOGLYPHS);
  return index < 0 ? `${label}-secure` : label.slice(0, index) + HOMOGLYPHS[label[index]] + label.slice(index + 1);
}

/** The domains a sender can pose under, for an organisation domain such as contoso.test. */
export function lookalikeSenderDomains(orgDomain: string): string[] {
  const label = orgDomain.split(".")[0];
  return [`${label}-secure.example`, `${homoglyph(label)}.example`, `${label}-helpdesk.example`, `${label}-it.example`];
}

/** The sign-in hosts the link can lead to. */
export function lookalikeUrlHosts(orgDomain: string): string[] {
  const label = orgDomain.split(".")[0];
  return [`login.${label}-verify.example`, `sso.${label}-account.example`, `portal.${homoglyph(label)}-online.example`];
}

// Defender's own DKIM comments; compauth fails whatever the mix, as it does for a lookalike domain with no history.
const AUTH_RESULTS: readonly Auth[] = [
  { spf: "fail", dkim: "none", dmarc: "fail", compAuth: "fail" },
  { spf: "softfail", dkim: "fail", dmarc: "fail", compAuth: "fail" },
  { spf: "none", dkim: "none", dmarc: "none", compAuth: "fail" },
];

export type PhishLure = {
  theme: PhishTheme;
  senderDomain: string;
  urlHost: string;
  authentication: Auth;
  /** What the link's text shows: an address on the organisation's own domain. */
  displayedUrl: string;
};

export function pickLure(random: Random, orgDomain: string): PhishLure {
  const label = orgDomain.split(".")[0];
  const org = label.charAt(0).toUpperCase() + label.slice(1);
  return {
    theme: random.pick(THEMES)(org),
    senderDomain: random.pick(lookalikeSenderDomains(orgDomain)),
    urlHost: random.pick(lookalikeUrlHosts(orgDomain)),
    authentication: random.pick(AUTH_RESULTS),
    displayedUrl: `https://account.${orgDomain}/password/reset`,
  };
}

/** The page in the attachment: it sends whoever opens it to the phishing site (HTML smuggling). */
export function attachmentPage(title: string, url: string): string {
  return `<!doctype html>\n<html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>\n<body><p>Loading document…</p><script>window.location.href = ${JSON.stringify(url)};</script></body></html>\n`;
}

/**
 * The body as plain text and as HTML. The recipient's own address is named in a footer, as bulk senders do; the body
 * fingerprint drops addresses, so the copies still share it.
 */
export function renderBody(
  lure: PhishLure,
  url: string,
  fileName: string,
  recipient: string,
): { text: string; html: string } {
  const paragraphs = [
    ...lure.theme.paragraphs.map((paragraph) => paragraph.replace("{file}", fileName)),
    `This notice was sent to ${recipient}.`,
    lure.theme.displayName,
  ];
  const text = paragraphs.map((paragraph) => (paragraph === "{link}" ? lure.displayedUrl : paragraph)).join("\n\n");
  const html = paragraphs
    .map((paragraph) =>
      paragraph === "{link}"
        ? `<p><a href="${escapeHtml(url)}">${escapeHtml(lure.displayedUrl)}</a></p>`
        : `<p>${escapeHtml(paragraph)}</p>`,
    )
    .join("\n");
  return { text, html: `<html><body>\n${html}\n</body></html>` };
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
