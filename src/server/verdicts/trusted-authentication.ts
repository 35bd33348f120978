// SPF, DKIM, DMARC and composite authentication as the organisation's own receiving servers recorded them. Anyone
// can write an Authentication-Results header before a message reaches the border; only those carrying the
// authserv-id of a server the admin trusts count (RFC 8601 §5). With no list, the topmost header alone counts: the
// receiving server nearest the mailbox prepends its own, so that one cannot have come from the sender.
import { splitOutsideQuotes, withoutComments, type THeader } from "@/server/submissions/message-headers";

export type TMethodResult = { result: string; properties: Record<string, string> };

export type TTrustedAuthentication = {
  /** The authserv-ids whose results were read; "" for a header without one (Exchange Online writes none). */
  authservIds: string[];
  spf: TMethodResult | null;
  dkim: TMethodResult[];
  dmarc: TMethodResult | null;
  compAuth: TMethodResult | null;
};

export function trustedAuthentication(
  headers: readonly THeader[],
  trustedIds: readonly string[],
): TTrustedAuthentication {
  const all = headers
    .filter((header) => header.key === "authentication-results")
    .map((header) => parseResults(header.value));
  const trusted = trustedIds.length
    ? all.filter((results) => trustedIds.some((id) => id.toLowerCase() === results.authservId))
    : all.slice(0, 1);
  const methods = trusted.flatMap((results) => results.methods);
  const first = (name: string) => methods.find((method) => method.name === name) ?? null;
  return {
    authservIds: trusted.map((results) => results.authservId),
    spf: first("spf"),
    dkim: methods.filter((method) => method.name === "dkim"),
    dmarc: first("dmarc"),
    compAuth: first("compauth"),
  };
}

type TParsedResults = { authservId: string; methods: (TMethodResult & { name: string })[] };

function parseResults(value: string): TParsedResults {
  // Receivers write the DMARC policy in a comment ("dmarc=fail (p=REJECT sp=REJECT dis=NONE)"), which parsing drops.
  const dmarcPolicy = /\bdmarc\s*=\s*[a-z]+\s*\(([^)]{0,200})\)/i
    .exec(value)?.[1]
    .match(/\bp\s*=\s*([a-z]+)/i)?.[1]
    .toLowerCase();
  const [head, ...resinfos] = splitOutsideQuotes(withoutComments(value), ";");
  // "mx.example.com 1" or "mx.example.com"; Exchange Online starts straight with "spf=pass".
  const isMethod = /^\s*[a-z0-9-]+(?:\/[0-9]+)?\s*=/i.test(head);
  const authservId = isMethod ? "" : head.trim().split(/\s+/)[0].toLowerCase();
  const methods = (isMethod ? [head, ...resinfos] : resinfos).flatMap((resinfo) => {
    const match = /^\s*([a-z0-9-]+)(?:\/[0-9]+)?\s*=\s*([a-z]+)\b(.*)$/is.exec(resinfo);
    if (!match) return [];
    const properties: Record<string, string> = {};
    for (const property of match[3].matchAll(/([a-z][a-z0-9-]*(?:\.[a-z0-9-]+)?)\s*=\s*("[^"]*"|[^\s;]+)/gi)) {
      properties[property[1].toLowerCase()] ??= property[2].replace(/^"|"$/g, "").toLowerCase();
    }
    const name = match[1].toLowerCase();
    if (name === "dmarc" && dmarcPolicy) properties.p ??= dmarcPolicy;
    return [{ name, result: match[2].toLowerCase(), properties }];
  });
  return { authservId, methods };
}
