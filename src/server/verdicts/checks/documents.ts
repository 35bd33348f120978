// What a PDF attachment says and where it links. Phishing moved the lure and the link from the body into an attached
// PDF because mail filters read the body: a one-line "see attached" mail carries a page saying "your account is on
// hold, update your details" with a button to a page of another site. The same lure phrases (lures.ts) and the same
// link signs (links.ts) are read from the document's first pages, and a PDF locked with a password no scanner has is
// the archive trick again.
import { domainOfAddress, registrableDomain, webUrlHost } from "@/server/intel/domain-names";
import type { TCheck } from "../check";
import { LURE_THEME_LABELS, lureThemes, type TLureTheme } from "../lures";
import type { TSignal } from "../signal";
import { foldText, mixedScriptWord } from "../text";
import { linksCheck } from "./links";

// Invoices and statements are what honest PDFs are about: a payment theme is a weaker sign than a credential one.
const WEAK_THEMES = new Set<TLureTheme>(["payment", "urgency"]);

export const documentsCheck: TCheck = {
  name: "documents",
  run(email, context) {
    const signals: TSignal[] = [];
    const seen = new Set<string>();
    const add = (candidate: TSignal) => {
      if (seen.has(candidate.id)) return;
      seen.add(candidate.id);
      signals.push(candidate);
    };
    const senderSite = registrableDomain(domainOfAddress(email.senderAddress) ?? "");
    for (const file of email.attachments) {
      const document = file.document;
      if (!document) continue;
      const name = file.fileName || "(unnamed)";
      const entity = { kind: "file" as const, value: file.sha256 };
      if (document.isEncrypted) {
        add({
          id: "attachments.encrypted_document",
          category: "attachments",
          weight: 3,
          threatType: "Malware",
          evidence: `${name} is a PDF locked with a password, which no scanner can open`,
          entity,
        });
        continue;
      }
      const elsewhere = document.links.find((link) => {
        const host = webUrlHost(link);
        return host && registrableDomain(host) !== senderSite;
      });
      const themes = lureThemes(foldText(document.text)).filter((found) => found.theme !== "urgency");
      const strong = themes.find((found) => !WEAK_THEMES.has(found.theme)) ?? themes[0];
      if (strong) {
        const weight = (WEAK_THEMES.has(strong.theme) ? 1.5 : 2.5) * (elsewhere ? 1 : 0.6);
        add({
          id: "attachments.document_lure",
          category: "attachments",
          weight,
          threatType: "Phish",
          evidence: `${name} ${LURE_THEME_LABELS[strong.theme]} ("${strong.matched}")`,
          entity,
        });
      }
      const disguised = mixedScriptWord(document.text);
      if (disguised)
        add({
          id: "attachments.document_disguised_words",
          category: "attachments",
          weight: 2.5,
          threatType: "Phish",
          evidence: `${name} writes words with Greek or Cyrillic look-alike letters ("${disguised}"), so that filters do not read them`,
          entity,
        });
      if (elsewhere)
        add({
          id: "attachments.document_link",
          category: "attachments",
          weight: 1,
          threatType: "Phish",
          evidence: `${name} links to ${webUrlHost(elsewhere)}, another site than the sender's: a link out of reach of the mail's own link checks`,
          entity: { kind: "url", value: elsewhere },
        });
      // The link signs of the body, read on the document's links (the organisation's history of hosts is the body's affair).
      const documentLinks = {
        ...email,
        urls: document.links.map((url) => ({ url, domain: webUrlHost(url) ?? "", linkText: null })),
        html: "",
        textBody: "",
      };
      for (const found of linksCheck.run(documentLinks, { ...context, seenUrlHosts: null })) {
        add({
          ...found,
          id: found.id.replace(/^links\./, "attachments.document_"),
          category: "attachments",
          evidence: `In ${name}: ${found.evidence}`,
        });
      }
    }
    return signals;
  },
};
