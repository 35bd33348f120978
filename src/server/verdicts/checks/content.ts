// What the message says: the lures phishing plays on, in several languages (lures.ts), weighed by whether the reader
// is given a way to act on them, and brands named in a lure by someone who is not that brand.
import { domainOfAddress, registrableDomain, webUrlHost } from "@/server/intel/domain-names";
import type { TBrand } from "../brands";
import type { TCheck } from "../check";
import { isListPost, type TEmail } from "../email-input";
import { LURE_THEME_LABELS, lureThemes } from "../lures";
import { htmlToText } from "@/server/submissions/html-text";
import type { TSignal } from "../signal";
import { foldText, obfuscatedWord } from "../text";
import { FREEMAIL_DOMAINS } from "./freemail";
import { ORGANISATION_WORDS, brandsNamed } from "./impersonation";

// A long newsletter says everything somewhere; the lure is in the first screens of text.
const READ_CHARS = 6000;
const MAX_THEMES = 3;
// A text part shorter than this beside an HTML part is a stub ("view this mail in an HTML client"): the HTML is the message.
const STUB_TEXT = 200;
// A telephone number given to call: the way to act in callback phishing, which carries no link on purpose.
export const CALL_BACK =
  /\b(call|contact|dial|phone|ring|ligue|llame|appelez|rufen sie|anrufen|chiama|bel)\b[^.\n]{0,40}?\+?\d[\d ().-]{8,}\d/;

type TBodyLures = { body: string; folded: string; themes: ReturnType<typeof lureThemes>; canAct: boolean };
// Several checks read the same text: it is rendered, folded and searched once per message.
const readLures = new WeakMap<TEmail, TBodyLures>();

/** The lures the subject and the first screens of the body play on, and whether the reader is given a way to act. */
export function bodyLures(email: TEmail): TBodyLures {
  let found = readLures.get(email);
  if (!found) {
    found = readBodyLures(email);
    readLures.set(email, found);
  }
  return found;
}

function readBodyLures(email: TEmail): TBodyLures {
  const body =
    email.textBody.trim().length < STUB_TEXT && email.html
      ? htmlToText(email.html.slice(0, READ_CHARS * 10))
      : email.textBody;
  const folded = foldText(`${email.subject}\n${body.slice(0, READ_CHARS)}`);
  const themes = lureThemes(folded);
  const canAct =
    email.urls.length > 0 ||
    email.attachments.length > 0 ||
    /<form\b|mailto:/i.test(email.html) ||
    /mailto:/i.test(email.textBody) ||
    CALL_BACK.test(folded);
  return { body, folded, themes, canAct };
}

export const contentCheck: TCheck = {
  name: "content",
  run(email, context) {
    const { body, folded, canAct, ...found } = bodyLures(email);
    // A delivery report says why a message bounced ("mailbox full", "message held"): that is its subject, not a lure.
    const themes = isDeliveryReport(email)
      ? found.themes.filter((theme) => theme.theme !== "mailbox-full")
      : found.themes;
    if (!themes.length) return [];
    const scale = canAct ? 1 : 0.5;
    const signals: TSignal[] = themes
      .filter((found) => found.theme !== "urgency")
      .slice(0, MAX_THEMES)
      .map((found) => ({
        id: `content.lure_${found.theme.replaceAll("-", "_")}`,
        category: "content",
        weight: 2.5 * scale,
        threatType: "Phish",
        evidence: `The message ${LURE_THEME_LABELS[found.theme]} ("${found.matched}")`,
      }));
    const obfuscated = obfuscatedWord(`${email.subject}\n${body.slice(0, READ_CHARS)}`);
    if (obfuscated)
      signals.push({
        id: "content.obfuscated_word",
        category: "content",
        weight: 1.5,
        threatType: "Phish",
        evidence: `"${obfuscated}" writes a word with a digit or a lower-case l in place of a letter, to slip past filters`,
      });
    const greeting =
      /\bdear (valued |dear )?(customer|user|member|client|account (holder|owner)|subscriber|e-?mail user|[a-z]+ (user|customer|member))\b|\b(prezado|caro|querido|estimado) (cliente|usuario|assinante)\b|\b(cher|chere) (client|utilisateur|abonne)|\bsehr geehrte[r]? (kunde|kundin|nutzer)/.exec(
        folded,
      );
    if (greeting && signals.length)
      signals.push({
        id: "content.generic_greeting",
        category: "content",
        weight: 1,
        threatType: "Phish",
        evidence: `The lure addresses no one by name ("${greeting[0]}")`,
      });
    const urgency = themes.find((found) => found.theme === "urgency");
    if (urgency)
      signals.push({
        id: "content.urgency",
        category: "content",
        weight: 1 * scale,
        threatType: "Phish",
        evidence: `The message ${LURE_THEME_LABELS.urgency} ("${urgency.matched}")`,
      });
    const senderDomain = domainOfAddress(email.senderAddress) ?? "";
    const isAtBrand = (brand: TBrand) =>
      brand.domains.some((domain) => senderDomain === domain || senderDomain.endsWith(`.${domain}`));
    const named =
      signals.length && canAct ? brandsNamed(folded, context.brands).filter((brand) => !isAtBrand(brand)) : [];
    if (named.length)
      signals.push({
        id: "content.brand_lure",
        category: "content",
        weight: 1,
        threatType: "Phish",
        evidence: `The lure names ${named[0].name}, but the sender is not at its domains`,
      });
    const elsewhere = signals.length && !isListPost(email) ? linksElsewhere(email.urls, senderDomain, named) : null;
    if (elsewhere)
      signals.push({
        id: "content.lure_link_elsewhere",
        category: "content",
        weight: 1,
        threatType: "Phish",
        evidence: `The lure's links go to ${elsewhere}, not to the sender's site ${registrableDomain(senderDomain) || senderDomain}${named.length ? ` nor to ${named[0].name}'s` : ""}`,
        entity: { kind: "url", value: elsewhere },
      });
    const organisation =
      signals.length && canAct && !named.length && !context.brands.some(isAtBrand)
        ? organisationNotSender(email.senderDisplayName, senderDomain)
        : null;
    if (organisation)
      signals.push({
        id: "content.organisation_not_sender",
        category: "content",
        weight: 1,
        threatType: "Phish",
        evidence: `The lure speaks as "${organisation}", a name that the sender's domain ${senderDomain} does not carry`,
      });
    return signals;
  },
};

/** A delivery status notification by its structure (RFC 3464): the report type, or a delivery-status part. */
export function isDeliveryReport(email: Pick<TEmail, "contentType" | "attachments">): boolean {
  return (
    (/multipart\/report/.test(email.contentType) && /report-type\s*=\s*"?delivery-status/.test(email.contentType)) ||
    email.attachments.some((file) => /^message\/(global-)?delivery-status$/i.test(file.contentType))
  );
}

const NAME_FILLER = new Set([
  "the",
  "and",
  "for",
  "from",
  "your",
  "our",
  "inc",
  "ltd",
  "llc",
  "gmbh",
  "corp",
  "company",
  "group",
  "online",
  "digital",
  "official",
  "noreply",
  "reply",
  "info",
  "mail",
  "email",
  "news",
  "alert",
  "alerts",
  "procedures",
  "department",
  "center",
  "centre",
  "office",
  "desk",
]);

/**
 * A display name that speaks as an organisation ("Charles Schwab & Co. Inc", "SSA Procedures Team") while none of its
 * own words is in the sender's domain: organisations send from domains that carry their name, or from their mail
 * service under it. Free mailboxes are the freemail checks' affair.
 */
export function organisationNotSender(displayName: string, senderDomain: string): string | null {
  const name = foldText(displayName);
  const site = registrableDomain(senderDomain);
  if (
    !site ||
    FREEMAIL_DOMAINS.has(site) ||
    !(ORGANISATION_WORDS.test(name) || /\b(inc|ltd|llc|gmbh|corp|co)\b\.?/.test(name))
  )
    return null;
  const words = name
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length >= 3 && !NAME_FILLER.has(word) && !ORGANISATION_WORDS.test(word));
  const letters = senderDomain.toLowerCase().replace(/[^a-z0-9]/g, "");
  return words.length && !words.some((word) => letters.includes(word)) ? displayName.trim() : null;
}

/**
 * The site a lure's links lead to when none of them is the sender's own site or a brand it names: a notice from a
 * bank links to the bank. Null when any link stays at home (the message is then about its own site).
 */
export function linksElsewhere(urls: TEmail["urls"], senderDomain: string, brands: TBrand[]): string | null {
  const home = registrableDomain(senderDomain);
  const sites = urls
    .map((url) => webUrlHost(url.url))
    .filter((host): host is string => !!host)
    .map((host) => registrableDomain(host));
  if (!home || !sites.length) return null;
  const isHome = (site: string) =>
    site === home || brands.some((brand) => brand.domains.some((domain) => registrableDomain(domain) === site));
  return sites.some(isHome) ? null : sites[0];
}
