// A lure from a free mailbox: "your invoice is attached", "verify your account", "your parcel is held" written from
// gmail.com or ig.com.br. Banks, carriers and services send their notices from their own domains; a free mailbox,
// new or stolen, authenticates perfectly and carries no technical sign, so what it says is the evidence. A person
// writing from a free mailbox rarely words a message as these lures do (lures.ts), and mailing-list posts, where
// people write from free mailboxes every day, are left alone.
import { domainOfAddress, registrableDomain } from "@/server/intel/domain-names";
import type { TCheck } from "../check";
import { isListPost } from "../email-input";
import { LURE_THEME_LABELS, lureThemes, type TLureTheme } from "../lures";
import { foldText } from "../text";
import { bodyLures } from "./content";
import { FREEMAIL_DOMAINS } from "./freemail";

// Notices that are honest from an organisation's own domain and lures from a free mailbox: "your invoice has arrived,
// open the attached document", "please find attached your statement".
const ORGANISATION_NOTICE =
  /\b(sua|seu|your|su|tu|votre|ihre|uw) (nova |new |nueva |nouvelle |neue )?(fatura|boleto|invoice|bill|statement|factura|facture|rechnung|fattura|factuur|nota fiscal)\b.{0,40}?\b(chegou|acaba de chegar|esta disponivel|is (now )?(ready|available|attached)|has arrived|ya esta disponible|est disponible|ist (jetzt )?verfugbar|e disponibile|staat klaar)|\b(segue|seguem) (em )?anexo (a |o |sua |seu )?(fatura|boleto|nota fiscal|comprovante)|\bplease find (attached|enclosed) (your |the )?(invoice|bill|statement|receipt)/;

export const freemailLureCheck: TCheck = {
  name: "freemail-lure",
  run(email) {
    const domain = domainOfAddress(email.senderAddress);
    // A bounce from a free mailbox provider quotes "mailbox full" as a fact, not a lure.
    if (
      !domain ||
      !FREEMAIL_DOMAINS.has(registrableDomain(domain)) ||
      isListPost(email) ||
      /multipart\/report/.test(email.contentType)
    )
      return [];
    const { folded, themes, canAct } = bodyLures(email);
    const isLure = (found: { theme: TLureTheme }) => found.theme !== "urgency";
    const notice = ORGANISATION_NOTICE.exec(folded);
    const inBody = canAct
      ? (themes.find(isLure) ?? (notice ? { theme: "payment" as const, matched: notice[0] } : undefined))
      : undefined;
    const inDocument = email.attachments
      .flatMap((file) => (file.document ? lureThemes(foldText(file.document.text)) : []))
      .find(isLure);
    const lure = inBody ?? inDocument;
    if (!lure) return [];
    return [
      {
        id: "content.lure_from_freemail",
        category: "content",
        weight: 2,
        threatType: "Phish",
        evidence: `The message ${LURE_THEME_LABELS[lure.theme]} ("${lure.matched}")${inBody ? "" : " in its attachment"}, from a free mailbox (${domain}): organisations do not send such notices from one`,
        entity: { kind: "sender", value: email.senderAddress },
      },
    ];
  },
};
