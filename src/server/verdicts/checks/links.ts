// Where the links go: hosts that hide their target or let anyone publish, raw IP addresses, punycode, random names,
// open redirects to another site, and sites the organisation's mail has never shown.
import { isIP } from "node:net";
import { domainOfAddress, parentDomains, registrableDomain, webUrlHost } from "@/server/intel/domain-names";
import type { TCheck } from "../check";
import { isListPost } from "../email-input";
import type { TSignal } from "../signal";
import { FREEMAIL_DOMAINS } from "./freemail";
import { FREE_FORM_PATHS, SHORTENER_SITES, freeHostingSite } from "./hosting";

const signal = (id: string, weight: number, evidence: string, url: string): TSignal => ({
  id,
  category: "links",
  weight,
  threatType: "Phish",
  evidence,
  entity: { kind: "url", value: url },
});

const RANDOM_LABEL = /^(?=[a-z0-9-]*\d)(?=[a-z0-9-]*[a-z])[a-z0-9-]{20,}$/;
const REDIRECT_PARAMS =
  /^(url|u|redirect|redirect_uri|redirecturl|redir|next|target|dest|destination|goto|continue|return|returnurl|link|out|to)$/i;

/** Each kind of link sign counts once per message, on its first link: ten links to one phishing site are one sign. */
export const linksCheck: TCheck = {
  name: "links",
  run(email, context) {
    const found = new Map<string, TSignal>();
    const add = (candidate: TSignal) => {
      if (!found.has(candidate.id)) found.set(candidate.id, candidate);
    };
    for (const { url } of email.urls) {
      const host = webUrlHost(url);
      if (!host) continue;
      const parents = parentDomains(host);
      if (isIP(host)) add(signal("links.ip_host", 3, `A link goes to a bare IP address (${host})`, url));
      if (host.split(".").some((label) => label.startsWith("xn--")))
        add(signal("links.punycode", 2, `A link goes to an internationalised (punycode) host ${host}`, url));
      if (parents.some((parent) => SHORTENER_SITES.has(parent)))
        add(signal("links.shortener", 1, `A link is shortened (${host}), hiding where it goes`, url));
      const hosting = freeHostingSite(host) ?? freeFormHost(url, host);
      if (hosting)
        add(
          signal(
            "links.free_hosting",
            2,
            `A link goes to ${host}, on ${hosting}, where anyone can publish a page or form in minutes`,
            url,
          ),
        );
      if (host.split(".").some((label) => RANDOM_LABEL.test(label)))
        add(signal("links.random_host", 1, `A link's host ${host} has a long random-looking name`, url));
      const redirector = clickRedirector(url, host);
      const redirect = redirector ? null : openRedirectTarget(url, host);
      if (redirector)
        add(
          signal(
            "links.click_redirector",
            1.5,
            `A link goes through ${redirector}, a search engine's or social network's click redirector: the real destination hides behind a reputable host`,
            url,
          ),
        );
      if (redirect)
        add(signal("links.open_redirect", 1, `A link on ${host} redirects to another site, ${redirect}`, url));
      if (context.seenUrlHosts && !context.seenUrlHosts.has(host) && !isIP(host))
        add(
          signal(
            "links.new_host",
            0.5,
            `A link goes to ${host}, in no mail of the organisation before (weak on its own)`,
            url,
          ),
        );
    }
    // A list post quotes its people's addresses: writing to them is how the list works.
    const mailto = isListPost(email) ? null : mailtoElsewhere(email.html || email.textBody, email.senderAddress);
    if (mailto) {
      const isFree = FREEMAIL_DOMAINS.has(registrableDomain(domainOfAddress(mailto) ?? ""));
      add({
        id: "links.mailto_elsewhere",
        category: "links",
        weight: isFree ? 2.5 : 1,
        threatType: "Phish",
        evidence: `A link writes to ${mailto}${isFree ? ", a free mailbox," : ""} not to the sender's domain`,
      });
    }
    return [...found.values()];
  },
};

/** The first mailto: address of another site than the sender's, the way callback and reply-chain lures ask to act. */
export function mailtoElsewhere(body: string, sender: string): string | null {
  const senderSite = registrableDomain(domainOfAddress(sender) ?? "");
  for (const match of body.slice(0, 200_000).matchAll(/mailto:([^\s"'<>?&]{3,254})/gi)) {
    const domain = domainOfAddress(match[1]);
    if (domain && registrableDomain(domain) !== senderSite) return match[1].toLowerCase();
  }
  return null;
}

// Click redirectors of search engines and social networks: mail from those companies does not route its links
// through them, while phishing does, so that link reputation sees bing.com or google.com instead of the kit's host.
const CLICK_REDIRECTORS: [RegExp, RegExp][] = [
  [/^(www\.)?bing\.com$/, /^\/ck\/a/],
  [/^(www\.)?google\.[a-z.]{2,6}$/, /^\/(url|amp\/s\/)/],
  [/^l\.(facebook|instagram)\.com$/, /^\/l\.php|^\/$/],
  [/^(www\.)?youtube\.com$/, /^\/redirect/],
  [/^(www\.)?linkedin\.com$/, /^\/redir\//],
  [/^(html\.)?duckduckgo\.com$/, /^\/l\//],
];

function clickRedirector(url: string, host: string): string | null {
  try {
    const path = new URL(url).pathname;
    return CLICK_REDIRECTORS.some(([hostPattern, pathPattern]) => hostPattern.test(host) && pathPattern.test(path))
      ? host
      : null;
  } catch {
    return null;
  }
}

function freeFormHost(url: string, host: string): string | null {
  try {
    const path = new URL(url).pathname;
    return FREE_FORM_PATHS.some(([hostPattern, prefix]) => hostPattern.test(host) && path.startsWith(prefix))
      ? host
      : null;
  } catch {
    return null;
  }
}

function openRedirectTarget(url: string, host: string): string | null {
  try {
    for (const [name, value] of new URL(url).searchParams) {
      if (!REDIRECT_PARAMS.test(name) || !/^https?:\/\//i.test(value)) continue;
      const target = webUrlHost(value);
      if (target && registrableDomain(target) !== registrableDomain(host)) return target;
    }
  } catch {
    // not a URL the parser reads: nothing to follow
  }
  return null;
}
