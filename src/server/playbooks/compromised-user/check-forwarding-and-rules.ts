import type { TActionInput, TEvidenceInput, TStep } from "../playbook.types";
import type { TCompromisedUserInput } from "../playbook-inputs";
import type { TCompromisedUserQueries } from "./compromised-user.queries";
import { isExternalAddress, subjectMailbox } from "./subject";

export const checkForwarding: TStep<TCompromisedUserInput, TCompromisedUserQueries> = {
  key: "smtp-forwarding",
  name: "SMTP forwarding",
  phase: "root",
  async run(context) {
    const { address, mailbox } = await subjectMailbox(context);
    const target = mailbox?.forwardingSmtpAddress;
    if (!target) return { findings: ["No mailbox forwarding is set"], risk: "None" };
    const isExternal = await isExternalAddress(context, target);
    return {
      findings: [`Mail is forwarded to ${target}${isExternal ? ", outside the organisation" : ""}`],
      risk: isExternal ? "High" : "Low",
      evidence: [
        {
          kind: "forwarding",
          entity: `${address} → ${target}`,
          verdict: isExternal ? "Malicious" : "Suspicious",
          details: { target, keepsCopy: mailbox.deliverToMailboxAndForward },
        },
      ],
      actions: [
        {
          type: "removeForwarding",
          entity: `${address} → ${target}`,
          entityKey: address,
          target: { mailbox: address, forwardingSmtpAddress: target },
        },
      ],
    };
  },
};

export const checkInboxRules: TStep<TCompromisedUserInput, TCompromisedUserQueries> = {
  key: "inbox-rules",
  name: "Inbox rules (forward, redirect, delete, hidden)",
  phase: "root",
  async run(context) {
    const { address, mailbox } = await subjectMailbox(context);
    const rules = mailbox ? await context.queries.enabledInboxRules(mailbox.id) : [];
    const findings: string[] = [];
    const evidence: TEvidenceInput[] = [];
    const actions: TActionInput[] = [];
    for (const rule of rules) {
      const outside = [rule.forwardTo, rule.redirectTo].filter((target): target is string => !!target);
      const external = (await Promise.all(outside.map((target) => isExternalAddress(context, target)))).some(Boolean);
      const traits = [
        ...(rule.forwardTo ? [`forwards to ${rule.forwardTo}`] : []),
        ...(rule.redirectTo ? [`redirects to ${rule.redirectTo}`] : []),
        ...(rule.deleteMessage ? ["deletes messages"] : []),
        ...(rule.isHidden ? ["is hidden"] : []),
      ];
      if (!traits.length) continue;
      const label = rule.name || "(unnamed rule)";
      findings.push(`Rule "${label}" ${traits.join(", ")}`);
      evidence.push({
        kind: "inboxRule",
        entity: `${address}: ${label}`,
        verdict: external || rule.isHidden ? "Malicious" : "Suspicious",
        details: { ruleId: rule.id, traits },
      });
      // A rule that sends mail away is removed outright; one that only hides or deletes is switched off for review.
      const type = outside.length ? "removeForwardingRule" : "disableInboxRule";
      // The destination is what an approver decides on, so it is part of the entity they read.
      actions.push({
        type,
        entity: outside.length ? `${address}: ${label} → ${outside.join(", ")}` : `${address}: ${label}`,
        entityKey: rule.id,
        target: { mailbox: address, ruleId: rule.id, ruleName: label, forwardsTo: outside },
      });
    }
    if (!findings.length)
      return {
        findings: [`${rules.length} enabled inbox rules, none forwarding, redirecting, deleting or hidden`],
        risk: "None",
      };
    return {
      findings,
      risk: evidence.some((item) => item.verdict === "Malicious") ? "High" : "Medium",
      evidence,
      actions,
    };
  },
};
