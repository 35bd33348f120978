import { enumLabel } from "@/lib/labels";
import { formatDateTime } from "@/lib/utils";
import type { TStep } from "../playbook.types";
import type { TCompromisedUserInput } from "../playbook-inputs";
import type { TCompromisedUserQueries } from "./compromised-user.queries";
import { subjectMailbox, suspectWindow } from "./subject";

type TCompromisedUserStep = TStep<TCompromisedUserInput, TCompromisedUserQueries>;

// Scopes that let an app read or send the user's mail, or keep access without the user: what consent phishing wants.
const RISKY_SCOPES = [
  "Mail.Read",
  "Mail.ReadWrite",
  "Mail.Send",
  "MailboxSettings.ReadWrite",
  "offline_access",
  "full_access_as_user",
];

export const checkMfaMethods: TCompromisedUserStep = {
  key: "mfa-methods",
  name: "MFA methods and devices added",
  phase: "root",
  async run(context) {
    const { address, mailbox } = await subjectMailbox(context);
    const { since } = suspectWindow(context.subject);
    const added = mailbox ? await context.queries.mfaMethodsAddedSince(mailbox.id, since) : [];
    if (!added.length) return { findings: ["No MFA method added in the last 7 days"], risk: "None" };
    return {
      findings: added.map(
        (method) => `MFA method ${enumLabel(method.type)} (${method.detail}) added ${formatDateTime(method.addedAt)}`,
      ),
      risk: "Medium",
      evidence: added.map((method) => ({
        kind: "mfaMethod",
        entity: `${address}: ${enumLabel(method.type)} (${method.detail})`,
        verdict: "Suspicious" as const,
        details: { methodId: method.id },
      })),
      actions: added.map((method) => ({
        type: "removeMfaMethod",
        entity: `${address}: ${enumLabel(method.type)} (${method.detail})`,
        entityKey: method.id,
        target: { mailbox: address, methodId: method.id },
      })),
    };
  },
};

export const checkAppConsents: TCompromisedUserStep = {
  key: "app-consents",
  name: "Application consents",
  phase: "root",
  async run(context) {
    const { address, mailbox } = await subjectMailbox(context);
    const { since } = suspectWindow(context.subject);
    const consents = mailbox ? await context.queries.appConsentsSince(mailbox.id, since) : [];
    const risky = consents.filter((consent) => consent.scopes.some((scope) => RISKY_SCOPES.includes(scope)));
    if (!risky.length)
      return { findings: [`${consents.length} consents in the last 7 days, none with mail access`], risk: "None" };
    return {
      findings: risky.map((consent) => `${consent.appName} was granted ${consent.scopes.join(", ")}`),
      risk: "High",
      evidence: risky.map((consent) => ({
        kind: "appConsent",
        entity: `${address}: ${consent.appName}`,
        verdict: "Malicious" as const,
        details: { consentId: consent.id, scopes: consent.scopes },
      })),
      actions: risky.map((consent) => ({
        type: "revokeAppConsent",
        entity: `${address}: ${consent.appName}`,
        entityKey: consent.id,
        target: { mailbox: address, consentId: consent.id, appName: consent.appName },
      })),
    };
  },
};

export const checkAdminRoles: TCompromisedUserStep = {
  key: "admin-roles",
  name: "Admin role assignments",
  phase: "root",
  async run(context) {
    const { address, mailbox } = await subjectMailbox(context);
    const { since } = suspectWindow(context.subject);
    const roles = mailbox ? await context.queries.roleAssignmentsSince(mailbox.id, since) : [];
    if (!roles.length) return { findings: ["No admin role assigned in the last 7 days"], risk: "None" };
    return {
      findings: roles.map((role) => `Role ${role.role} assigned ${formatDateTime(role.assignedAt)}`),
      risk: "High",
      evidence: roles.map((role) => ({
        kind: "role",
        entity: `${address}: ${role.role}`,
        verdict: "Suspicious" as const,
        details: { assignmentId: role.id },
      })),
      actions: roles.map((role) => ({
        type: "removeAdminRole",
        entity: `${address}: ${role.role}`,
        entityKey: role.id,
        target: { mailbox: address, assignmentId: role.id, role: role.role },
      })),
    };
  },
};
