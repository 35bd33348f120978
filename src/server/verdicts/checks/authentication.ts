// Whether the message is from whom it says, by the trusted receiving servers' results, and where replies would go.
import { domainOfAddress, registrableDomain } from "@/server/intel/domain-names";
import type { TCheck } from "../check";
import { hasHeader, headerValues, type TEmail } from "../email-input";
import type { TSignal } from "../signal";
import { trustedAuthentication } from "../trusted-authentication";
import { FREEMAIL_DOMAINS } from "./freemail";
import { ABUSED_SUFFIXES } from "./sender-shape";

const signal = (id: string, weight: number, evidence: string): TSignal => ({
  id,
  category: "authentication",
  weight,
  threatType: weight > 0 ? "Phish" : null,
  evidence,
});
const sameSite = (a: string | null | undefined, b: string | null | undefined) =>
  !!a && !!b && registrableDomain(a) === registrableDomain(b);

export const authenticationCheck: TCheck = {
  name: "authentication",
  run(email, context) {
    const fromDomain = domainOfAddress(email.senderAddress);
    const signals: TSignal[] = [];
    const auth = email.headers.length ? trustedAuthentication(email.headers, context.trustedAuthservIds) : null;
    const stored = email.storedAuthentication;
    const dmarc = auth ? auth.dmarc?.result : stored?.dmarc;
    const spf = auth ? auth.spf?.result : stored?.spf;
    const compAuth = auth ? auth.compAuth?.result : stored?.compAuth;
    const dkimPassDomains = auth
      ? auth.dkim
          .filter((dkim) => dkim.result === "pass")
          .map((dkim) => dkim.properties["header.d"] ?? domainOfAddress(dkim.properties["header.i"] ?? "") ?? "")
      : [];
    const isDkimPass = auth ? dkimPassDomains.length > 0 : stored?.dkim === "pass";
    const policy = auth?.dmarc?.properties.p ?? auth?.dmarc?.properties.action ?? "";

    // A mailing list re-sends a post under its own envelope and often alters it, which breaks DMARC for honest posters.
    const isListPost = hasHeader(email, "list-id");
    if (dmarc === "fail") {
      const enforced = /reject|quarantine|oreject/.test(policy);
      const weight = isListPost ? 1 : enforced ? 4 : 3;
      signals.push(
        signal(
          "auth.dmarc_fail",
          weight,
          `DMARC fail for ${fromDomain ?? email.senderAddress}${policy ? ` (policy ${policy})` : ""}: the sender's own domain does not vouch for this message${isListPost ? " (expected of some mailing lists)" : ""}`,
        ),
      );
    } else if (dmarc === "pass" && fromDomain && !FREEMAIL_DOMAINS.has(registrableDomain(fromDomain))) {
      // A pass only says the domain sent it; anyone can own a domain, and anyone can have a free mailbox.
      signals.push(signal("auth.dmarc_pass", -0.5, `DMARC pass for ${fromDomain}: the domain in From sent it`));
    }
    if (email.senderAddress.includes("@") && !fromDomain)
      signals.push(signal("auth.invalid_from", 3, `The From address ${email.senderAddress} has no valid domain`));
    if (compAuth === "fail")
      signals.push(
        signal(
          "auth.compauth_fail",
          2.5,
          `Composite authentication failed${auth?.compAuth?.properties.reason ? ` (reason ${auth.compAuth.properties.reason})` : ""}`,
        ),
      );
    if (spf === "fail")
      signals.push(
        signal(
          "auth.spf_fail",
          1.5,
          "SPF fail: the sending server is not allowed to send for the envelope sender's domain",
        ),
      );
    else if (spf === "softfail")
      signals.push(
        signal("auth.spf_softfail", 0.5, "SPF softfail: the envelope sender's domain does not list the sending server"),
      );
    if (auth?.dkim.some((dkim) => dkim.result === "fail") && !isDkimPass)
      signals.push(signal("auth.dkim_fail", 1, "DKIM signature failed to verify"));

    // Alignment only means something where the results were read: a pass for another domain than From's proves nothing.
    if (auth && fromDomain && dmarc !== "pass") {
      const mailFrom = auth.spf?.properties["smtp.mailfrom"]
        ? (domainOfAddress(auth.spf.properties["smtp.mailfrom"]) ?? auth.spf.properties["smtp.mailfrom"])
        : domainOfAddress(email.mailFromAddress);
      const isSpfAligned = auth.spf?.result === "pass" && sameSite(mailFrom, fromDomain);
      const isDkimAligned = dkimPassDomains.some((domain) => sameSite(domain, fromDomain));
      if (!isSpfAligned && !isDkimAligned && (auth.spf || auth.dkim.length)) {
        const passed = [
          auth.spf?.result === "pass" && mailFrom ? `SPF for ${mailFrom}` : null,
          ...dkimPassDomains.map((domain) => `DKIM for ${domain}`),
        ].filter(Boolean);
        signals.push(
          signal(
            "auth.unaligned",
            1.5,
            `Nothing authenticates ${fromDomain}${passed.length ? `: only ${passed.join(", ")} passed` : ""}`,
          ),
        );
      }
    }

    // A From that names no address sends every reply to the Reply-To: the reply address is the only real one. A list
    // that rewrites From to its own address ("Ann via Users" <users@list>, against DMARC) keeps the author in Reply-To.
    for (const replyTo of isListRewrite(email) ? [] : email.replyTo) {
      const replyDomain = domainOfAddress(replyTo);
      if (!replyDomain || (fromDomain && sameSite(replyDomain, fromDomain))) continue;
      const isFreemail =
        FREEMAIL_DOMAINS.has(registrableDomain(replyDomain)) &&
        !(fromDomain && FREEMAIL_DOMAINS.has(registrableDomain(fromDomain)));
      const notTo = fromDomain ? `not to ${fromDomain}` : "while the From names no address";
      const isAbused = ABUSED_SUFFIXES.has(replyDomain.slice(replyDomain.lastIndexOf(".") + 1));
      const where = isFreemail
        ? ", a free mailbox,"
        : isAbused
          ? `, under one of the suffixes phishing abuses most,`
          : "";
      signals.push(
        signal(
          isFreemail ? "auth.reply_to_freemail" : "auth.reply_to_elsewhere",
          isFreemail ? 2.5 : isAbused ? 2 : 1,
          `Replies go to ${replyTo}${where} ${notTo}`,
        ),
      );
      break;
    }
    return signals;
  },
};

/** A list post whose From is the list's own posting address, or "… via <list>": the list rewrote the author's From. */
export function isListRewrite(email: Pick<TEmail, "headers" | "senderAddress" | "senderDisplayName">): boolean {
  if (!hasHeader(email, "list-id")) return false;
  const sender = email.senderAddress.toLowerCase();
  return (
    / via /i.test(email.senderDisplayName) ||
    (!!sender && headerValues(email, "list-post").some((value) => value.toLowerCase().includes(`mailto:${sender}`)))
  );
}
