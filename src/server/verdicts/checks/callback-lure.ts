// Callback phishing (telephone-oriented attack delivery): a receipt for a purchase or renewal the reader never made,
// an amount large enough to alarm, and a telephone number to call to dispute it; no link, so that nothing in the
// message can be checked. The call ends with remote access or a "refund" paid the wrong way.
import { webUrlHost } from "@/server/intel/domain-names";
import type { TCheck } from "../check";
import { bodyLures, CALL_BACK } from "./content";

const AMOUNT =
  /(?:[$€£]|\b(?:usd|eur|gbp|r\$))\s?\d{1,3}(?:[.,\s]?\d{3})*(?:[.,]\d{2})?\b|\b\d+[.,]\d{2} ?(?:usd|eur|gbp|€|\$)/;
const PURCHASE =
  /\b(receipt|invoice|order|renewal|renewed|auto-?renew\w*|subscription|charged|purchase|payment|transaction|billing|fatura|compra|cobranca|factura|cobro|facture|commande|rechnung|bestellung|abonnement|fattura|ordine|bestelling)\b/;

export const callbackLureCheck: TCheck = {
  name: "callback-lure",
  run(email) {
    if (email.urls.some((url) => webUrlHost(url.url))) return [];
    const { folded } = bodyLures(email);
    const phone = CALL_BACK.exec(folded);
    const amount = AMOUNT.exec(folded);
    const purchase = PURCHASE.exec(folded);
    if (!phone || !amount || !purchase) return [];
    const number = /\+?\d[\d ().-]{8,}\d/.exec(phone[0])?.[0] ?? phone[0];
    return [
      {
        id: "content.callback_lure",
        category: "content",
        weight: 2.5,
        threatType: "Phish",
        evidence: `The message reports a ${purchase[1]} of ${amount[0].trim()} and gives a telephone number to call about it (${number.trim()}) with no link to check: the way callback phishing works`,
      },
    ];
  },
};
