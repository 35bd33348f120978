// Who the message pretends to be: a brand named by a sender that is not the brand, a domain drawn to look like the
// organisation's or a brand's, a display name holding another address, characters that hide in a name.
import {
  domainOfAddress,
  isWithinDomain,
  normaliseHost,
  registrableDomain,
  webUrlHost,
} from "@/server/intel/domain-names";
import { displayNameSpoof, lookalikeDomain } from "@/server/intel/heuristics";
import type { TBrand } from "../brands";
import type { TCheck } from "../check";
import type { TEmail } from "../email-input";
import type { TSignal } from "../signal";
import { FREEMAIL_DOMAINS } from "./freemail";
import { foldText, hasForeignMarks, hasStackedMarks, invisibleCharacters, mixedScriptWord } from "../text";

const signal = (id: string, weight: number, evidence: string, entity?: TSignal["entity"]): TSignal => ({
  id,
  category: "impersonation",
  weight,
  threatType: "Phish",
  evidence,
  ...(entity ? { entity } : {}),
});

// Brand names that are also everyday words or too short to imitate count in a display name, not as look-alike stems.
const MIN_LOOKALIKE_LABEL = 6;
export const ORGANISATION_WORDS =
  /\b(bank|banco|banque|support|suporte|soporte|service|servico|servicio|security|seguranca|seguridad|securite|sicherheit|team|equipe|equipo|admin|administrator|administrador|helpdesk|help desk|it desk|billing|account|conta|cuenta|compte|konto|notification|notificacao|notificacion|atendimento|atencion|protocolo|customer care|sac|financeiro|cobranca|receita|tribunal|detran|policia|governo|gobierno|postmaster|webmaster|mail ?(admin|server|system))\b/;
const GENERIC_LABELS = new Set(["office", "booking", "orange", "outlook", "gen", "telekom", "windows"]);

/** Whether `host` belongs to one of the brand's own sites. */
const isBrandHost = (host: string, brand: TBrand) =>
  brand.domains.some((domain) => isWithinDomain(host, domain) || registrableDomain(host) === registrableDomain(domain));

type TBrandPattern = { brand: TBrand; pattern: RegExp | null };
// One pattern per brand list and place, compiled once: the engine runs on every ingested message.
const brandPatterns = {
  name: new WeakMap<TBrand[], TBrandPattern[]>(),
  text: new WeakMap<TBrand[], TBrandPattern[]>(),
};

/**
 * Brands whose name appears in `folded` as a word of its own. In a display name (`where` "name") every alias counts;
 * in a subject or body an alias that is an everyday word ("booking", "ripple") does not.
 */
export function brandsNamed(folded: string, brands: TBrand[], where: "name" | "text" = "text"): TBrand[] {
  let patterns = brandPatterns[where].get(brands);
  if (!patterns) {
    patterns = brands.map((brand) => {
      const aliases =
        where === "name" ? brand.aliases : brand.aliases.filter((alias) => !brand.everydayAliases?.includes(alias));
      return {
        brand,
        pattern: aliases.length
          ? new RegExp(
              `(?:^|[^\\p{L}\\p{N}])(?:${aliases.map((alias) => escapeRegex(foldText(alias))).join("|")})(?:$|[^\\p{L}\\p{N}])`,
              "u",
            )
          : null,
      };
    });
    brandPatterns[where].set(brands, patterns);
  }
  return patterns.filter(({ pattern }) => pattern?.test(folded)).map(({ brand }) => brand);
}

/**
 * "C o i n b a s e" read as "Coinbase": a name spelt out letter by letter to slip past brand matching. Three letters
 * are enough ("D P D", "U P S"): the joined word only matters when it is a brand's name.
 */
export function joinSpacedLetters(text: string): string {
  return text.replace(/(?<![\p{L}\p{N}])\p{L}(?: \p{L}){2,}(?![\p{L}\p{N}])/gu, (letters) =>
    letters.replaceAll(" ", ""),
  );
}

/** "CamelCase" read as "Camel Case": a name run together ("TrustWallet APP") hides the brand's words. */
export function splitCamelCase(text: string): string {
  return text.replace(/(\p{Ll})(\p{Lu})/gu, "$1 $2");
}

/**
 * Brands a display name names, as written or spelt out letter by letter; only when it names none, read with its
 * CamelCase split, so that "MetaMask" stays MetaMask and does not also become Meta. Only when that finds none either,
 * read again with the marks put between words or letters to break a name ("Magic-Eden", "Trust_Wallet",
 * "N.E.T.F.L.I.X") read as spaces: first as written, because some brands carry a dot in their name (Booking.com).
 */
export function brandsInName(name: string, brands: TBrand[]): TBrand[] {
  for (const variant of [name, name.replace(NAME_BREAKERS, " ")]) {
    const spelt = joinSpacedLetters(variant);
    const named = brandsNamed(foldText(spelt), brands, "name");
    if (named.length) return named;
    const camel = brandsNamed(foldText(splitCamelCase(spelt)), brands, "name");
    if (camel.length) return camel;
  }
  return [];
}

const NAME_BREAKERS = /[-_.*|•·]+/gu;

/** The brands a display name names whose domains the sender's is not: who the sender pretends to be. */
export function brandsPretended(
  email: Pick<TEmail, "senderDisplayName" | "senderAddress">,
  brands: TBrand[],
): TBrand[] {
  const senderDomain = domainOfAddress(email.senderAddress);
  if (!senderDomain) return [];
  return brandsInName(email.senderDisplayName, brands).filter((brand) => !isBrandHost(senderDomain, brand));
}

export const impersonationCheck: TCheck = {
  name: "impersonation",
  run(email, context) {
    const signals: TSignal[] = [];
    const senderDomain = domainOfAddress(email.senderAddress);
    if (!senderDomain) return signals;
    const brands = context.brands;
    const notFromBrand = (brand: TBrand) => !isBrandHost(senderDomain, brand);

    const inName = brandsPretended(email, brands);
    if (inName.length) {
      // Brands send from more domains than any list holds (microsoftstoreemail.com): one that carries the brand's name
      // and authenticates is likely its own, so the sign is weak then.
      const isOwnLooking = domainCarriesName(senderDomain, inName[0]) && isAuthenticated(email);
      const weight = isOwnLooking ? 1.5 : 5;
      signals.push(
        signal(
          "impersonation.brand_display_name",
          weight,
          `The display name "${email.senderDisplayName.trim()}" names ${inName[0].name}, but the sender ${email.senderAddress} is not at ${inName[0].name}'s domains${isOwnLooking ? " (its domain carries the name and authenticates)" : ""}`,
          { kind: "sender", value: email.senderAddress },
        ),
      );
    }
    const inSubject = brandsNamed(foldText(email.subject), brands)
      .filter(notFromBrand)
      .filter((brand) => !inName.includes(brand));
    if (inSubject.length)
      signals.push(
        signal(
          "impersonation.brand_subject",
          1.5,
          `The subject names ${inSubject[0].name}, but the sender ${email.senderAddress} is not at ${inSubject[0].name}'s domains`,
        ),
      );

    const stems = lookalikeTargets(brands);
    const senderLookalike =
      lookalikeDomain(senderDomain, context.orgDomains) ??
      lookalikeDomain(senderDomain, stems, { isInsideLabel: false });
    if (senderLookalike)
      signals.push(
        signal("impersonation.lookalike_sender_domain", 4, `Sender domain ${senderLookalike.reason}`, {
          kind: "sender",
          value: email.senderAddress,
        }),
      );
    // A link to an imitation of the organisation's own domain has no honest use: decisive. A brand's look-alike is
    // strong, not decisive: brands run many domains of their own that no list holds.
    const judgedHosts = new Set<string>();
    for (const url of email.urls) {
      const host = webUrlHost(url.url);
      if (!host || judgedHosts.has(host)) continue;
      judgedHosts.add(host);
      if (brands.some((brand) => isBrandHost(host, brand))) continue;
      const ofOrg = lookalikeDomain(host, context.orgDomains);
      const ofBrand = ofOrg ? null : lookalikeDomain(host, stems, { isInsideLabel: false });
      if (ofOrg || ofBrand) {
        signals.push(
          signal(
            ofOrg ? "impersonation.lookalike_org_link" : "impersonation.lookalike_brand_link",
            ofOrg ? 6 : 4,
            `Link domain ${(ofOrg ?? ofBrand)!.reason}`,
            { kind: "url", value: url.url },
          ),
        );
        break;
      }
    }

    // An organisation's voice from a free mailbox: banks, services and help desks do not write from gmail.com.
    if (
      FREEMAIL_DOMAINS.has(registrableDomain(senderDomain)) &&
      (inName.length || ORGANISATION_WORDS.test(foldText(email.senderDisplayName)))
    ) {
      signals.push(
        signal(
          "impersonation.organisation_from_freemail",
          3,
          `"${email.senderDisplayName.trim()}" speaks as an organisation from a free mailbox (${senderDomain})`,
          { kind: "sender", value: email.senderAddress },
        ),
      );
    }

    const spoof = displayNameSpoof(email.senderDisplayName, email.senderAddress, context.orgDomains, context.orgPeople);
    if (spoof)
      signals.push(
        signal("impersonation.display_name_spoof", 3, spoof, { kind: "sender", value: email.senderAddress }),
      );

    const mixed =
      mixedScriptWord(email.senderDisplayName) ??
      mixedScriptWord(email.subject) ??
      (hasForeignMarks(email.senderDisplayName) || hasForeignMarks(email.subject)
        ? email.senderDisplayName.trim()
        : null);
    if (mixed)
      signals.push(
        signal(
          "impersonation.mixed_script",
          3,
          `"${mixed}" mixes Latin letters with look-alikes from another script (Greek, Cyrillic, Cherokee, …), to pass for a real name`,
          { kind: "sender", value: email.senderAddress },
        ),
      );
    if (/[\u2611\u2705\u2714\u2713\u{1F512}\u{1F510}\u{1F6E1}\u00AE\u2122]/u.test(email.senderDisplayName)) {
      signals.push(
        signal(
          "impersonation.decorated_name",
          1.5,
          `The display name "${email.senderDisplayName.trim()}" is decorated with check marks, locks or trademark signs to look official`,
          { kind: "sender", value: email.senderAddress },
        ),
      );
    }
    const hidden = invisibleCharacters(email.senderDisplayName) + invisibleCharacters(email.subject);
    if (
      hidden ||
      hasStackedMarks(email.senderDisplayName) ||
      hasStackedMarks(email.subject) ||
      hasForeignMarks(email.textBody.slice(0, 20_000))
    ) {
      signals.push(
        signal(
          "impersonation.hidden_characters",
          1.5,
          `The display name or subject hides ${hidden || "stacked combining"} invisible character(s), a way past filters and a reader's eye`,
        ),
      );
    }
    return signals;
  },
};

const targetLists = new WeakMap<TBrand[], string[]>();

/** The brands' domains worth comparing hosts with, one array per brand list (heuristics.ts caches by its identity). */
function lookalikeTargets(brands: TBrand[]): string[] {
  const cached = targetLists.get(brands);
  if (cached) return cached;
  // A domain named after an everyday word ("ripple.com") is one edit away from too many honest sites to be a stem.
  const everyday = new Set(brands.flatMap((brand) => brand.everydayAliases ?? []));
  const targets = [...new Set(brands.flatMap((brand) => brand.domains))].filter((domain) => {
    const host = normaliseHost(domain);
    const label = host ? registrableDomain(host).split(".")[0] : "";
    return label.length >= MIN_LOOKALIKE_LABEL && !GENERIC_LABELS.has(label) && !everyday.has(label);
  });
  targetLists.set(brands, targets);
  return targets;
}

function domainCarriesName(domain: string, brand: TBrand): boolean {
  const label = registrableDomain(domain).split(".")[0];
  return brand.aliases.some((alias) => alias.length >= 4 && label.includes(foldText(alias).replace(/[^a-z0-9]/g, "")));
}

// DMARC pass by the receiving server the organisation trusts (the topmost Authentication-Results).
function isAuthenticated(email: Parameters<TCheck["run"]>[0]): boolean {
  const results = email.headers.find((header) => header.key === "authentication-results")?.value ?? "";
  return /\bdmarc\s*=\s*pass\b/i.test(results) || email.storedAuthentication?.dmarc === "pass";
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
