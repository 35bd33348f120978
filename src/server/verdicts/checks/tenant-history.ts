// What the organisation's own mail says of the sender: people here wrote to them before (honest correspondents
// rarely turn phisher), or the domain has never been seen (weak: new partners write every day).
import { domainOfAddress } from "@/server/intel/domain-names";
import type { TCheck } from "../check";
import type { TSignal } from "../signal";

export const tenantHistoryCheck: TCheck = {
  name: "tenant-history",
  run(email, context) {
    const signals: TSignal[] = [];
    const sentTo = context.correspondence?.sentTo ?? 0;
    if (sentTo > 0) {
      signals.push({
        id: "tenant.prior_correspondence",
        category: "tenant",
        weight: -3,
        threatType: null,
        evidence: `People in the organisation wrote to ${email.senderAddress} ${sentTo} time(s) before: an existing correspondent`,
      });
    }
    if (context.isSenderDomainSeen === false) {
      const domain = domainOfAddress(email.senderAddress) ?? email.senderAddress;
      signals.push({
        id: "tenant.first_seen_domain",
        category: "tenant",
        weight: 0.5,
        threatType: "Phish",
        evidence: `Sender domain ${domain} is new: no mail came from it earlier than a day before this message (weak on its own)`,
      });
    }
    return signals;
  },
};
