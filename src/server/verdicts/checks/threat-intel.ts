// The organisation's threat intelligence (Settings › Threat intelligence) and what its own mail proved: indicators on
// the sender, its domain and IP, the links and files; threats Safe Links found when someone clicked.
import { isIP } from "node:net";
import { splitThreats } from "@/lib/email-threats";
import { domainOfAddress, parentDomains, webUrlHost } from "@/server/intel/domain-names";
import type { TCheck } from "../check";
import type { TSignal, TSignalThreatType } from "../signal";

const DECISIVE = 8;

export const threatIntelCheck: TCheck = {
  name: "threat-intel",
  run(email, context) {
    const byKey = new Map(context.indicators.map((indicator) => [`${indicator.kind} ${indicator.value}`, indicator]));
    const signals: TSignal[] = [];
    // `shown`: what the evidence names, the value as the message wrote it unless the match was on a parent domain.
    const match = (kind: string, values: string[], subject: string, entity: TSignal["entity"], shown?: string) => {
      for (const value of values) {
        const indicator = byKey.get(`${kind} ${value}`);
        if (!indicator) continue;
        signals.push({
          id: `intel.${kind}`,
          category: "intel",
          weight: DECISIVE,
          threatType: indicator.threatType as TSignalThreatType,
          evidence: `${subject} ${shown ?? value} matches a threat indicator (${indicator.threatType}, from ${indicator.source})`,
          entity,
        });
        return;
      }
    };
    const sender = email.senderAddress.toLowerCase();
    const senderDomain = domainOfAddress(sender);
    match("sender", [sender], "Sender", { kind: "sender", value: email.senderAddress });
    if (senderDomain)
      match("domain", parentDomains(senderDomain), "Sender domain", { kind: "sender", value: email.senderAddress });
    if (email.senderIPv4) match("ip", [email.senderIPv4], "Sending IP", { kind: "sender", value: email.senderAddress });
    for (const { url } of email.urls) {
      const host = webUrlHost(url);
      match("url", [url, canonicalUrl(url)], "URL", { kind: "url", value: url }, url);
      if (host)
        match(
          isIP(host) ? "ip" : "domain",
          isIP(host) ? [host] : parentDomains(host),
          isIP(host) ? "Link host" : "Link domain",
          { kind: "url", value: url },
        );
      const click = context.clickedThreats.get(url);
      if (click) {
        const threatType = splitThreats(click.threatTypes).includes("Malware") ? "Malware" : "Phish";
        signals.push({
          id: "intel.safe_links_click",
          category: "intel",
          weight: 6,
          threatType,
          evidence: `Safe Links found ${click.threatTypes} at ${url} when it was clicked (${click.actionTypes})`,
          entity: { kind: "url", value: url },
        });
      }
    }
    for (const file of email.attachments)
      match("sha256", [file.sha256.toLowerCase()], "File", { kind: "file", value: file.sha256 });
    return signals;
  },
};

// Indicators hold URLs as the URL parser writes them (threat-indicators.schemas.ts); a message may hold another spelling.
export function canonicalUrl(url: string): string {
  try {
    return new URL(url.trim()).href;
  } catch {
    return url;
  }
}
