// How the sender and the addressing look: domains under the suffixes abuse reports name most, local parts no person
// or system would choose, and a message sent to nobody visible (everyone in Bcc).
import { domainOfAddress, registrableDomain, webUrlHost } from "@/server/intel/domain-names";
import type { TCheck } from "../check";
import { hasHeader } from "../email-input";
import type { TSignal } from "../signal";
import { freeHostingSite } from "./hosting";

// The suffixes that phishing and spam abuse most, per the public abuse statistics (Spamhaus's "most abused TLDs",
// Interisle's phishing landscape reports). A sign, never a verdict: honest sites live there too.
export const ABUSED_SUFFIXES = new Set([
  "xyz",
  "top",
  "shop",
  "online",
  "site",
  "click",
  "buzz",
  "icu",
  "live",
  "life",
  "store",
  "club",
  "cyou",
  "rest",
  "bar",
  "sbs",
  "cfd",
  "monster",
  "quest",
  "beauty",
  "hair",
  "skin",
  "makeup",
  "mom",
  "lol",
  "support",
  "work",
  "today",
  "fun",
  "space",
  "website",
  "tk",
  "ml",
  "ga",
  "cf",
  "gq",
  "su",
  "zip",
  "mov",
  "ru",
  "cn",
  "best",
  "cam",
  "bond",
  "lat",
  "pics",
  "uno",
  "autos",
  "boats",
  "homes",
  "yachts",
  "motorcycles",
  "mobi",
  "win",
  "bid",
  "loan",
  "date",
  "review",
  "country",
  "kim",
  "xin",
  "host",
  "pw",
  "ws",
  "cc",
]);

const suffixOf = (host: string) => host.slice(host.lastIndexOf(".") + 1);
const signal = (id: string, weight: number, evidence: string, entity?: TSignal["entity"]): TSignal => ({
  id,
  category: "tenant",
  weight,
  threatType: "Phish",
  evidence,
  ...(entity ? { entity } : {}),
});

/** Long runs of consonants or letters mixed with digits, as generated addresses have ("fidhkwwjy", "shaullyackovw5"). */
function looksGenerated(local: string): boolean {
  const letters = local.toLowerCase().replace(/[^a-z]/g, "");
  if (/[bcdfghjklmnpqrstvwxz]{5,}/.test(letters)) return true;
  return /^[a-z]{6,}[0-9]{1,3}$/i.test(local) && /[bcdfghjklmnpqrstvwxz]{4,}/.test(letters);
}

export const senderShapeCheck: TCheck = {
  name: "sender-shape",
  run(email) {
    const signals: TSignal[] = [];
    const domain = domainOfAddress(email.senderAddress);
    if (domain && ABUSED_SUFFIXES.has(suffixOf(domain)))
      signals.push(
        signal(
          "sender.abused_suffix",
          1.5,
          `The sender's domain ${domain} is under .${suffixOf(domain)}, among the suffixes phishing abuses most`,
          { kind: "sender", value: email.senderAddress },
        ),
      );
    const linkHost = email.urls
      .map((url) => webUrlHost(url.url))
      .find(
        (host) =>
          host &&
          ABUSED_SUFFIXES.has(suffixOf(host)) &&
          registrableDomain(host) !== (domain && registrableDomain(domain)),
      );
    if (linkHost)
      signals.push(
        signal(
          "links.abused_suffix",
          1.5,
          `A link goes to ${linkHost}, under .${suffixOf(linkHost)}, among the suffixes phishing abuses most`,
        ),
      );
    const hosting = domain ? freeHostingSite(domain) : null;
    if (hosting)
      signals.push(
        signal(
          "sender.free_hosting",
          2.5,
          `The sender's domain ${domain} is on ${hosting}, a hosting service, not a mail domain of an organisation`,
          { kind: "sender", value: email.senderAddress },
        ),
      );
    const local = email.senderAddress.slice(0, email.senderAddress.lastIndexOf("@"));
    if (local && looksGenerated(local))
      signals.push(
        signal(
          "sender.generated_local_part",
          1,
          `The sender's address ${email.senderAddress} looks generated, not chosen by a person or a service`,
          { kind: "sender", value: email.senderAddress },
        ),
      );
    if (!email.recipients.length && email.headers.length && !hasHeader(email, "list-id"))
      signals.push(
        signal("sender.undisclosed_recipients", 1, "The message names no recipient: everyone got it in Bcc"),
      );
    return signals;
  },
};
