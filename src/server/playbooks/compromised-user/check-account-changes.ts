import "server-only";
import { enumLabel } from "@/lib/labels";
import { formatDateTime } from "@/lib/utils";
import { prisma } from "@/server/db";
import type { TStep } from "../playbook.types";
import { subjectMailbox, suspectWindow } from "./subject";

// Scopes that let an app read or send the user's mail, or keep access without the user: what consent phishing wants.
const RISKY_SCOPES = ["Mail.Read", "Mail.ReadWrite", "Mail.Send", "MailboxSettings.ReadWrite", "offline_access", "full_access_as_user"];

export const checkMfaMethods: TStep = {
  key: "mfa-methods",
  name: "MFA methods and devices added",
  phase: "root",
  async run(subject) {
    const { address, mailbox } = await subjectMailbox(subject);
    const { since } = suspectWindow(subject);
    const added = mailbox ? await prisma.mfaMethod.findMany({ where: { mailboxId: mailbox.id, isRemoved: false, addedAt: { gte: since } } }) : [];
    if (!added.length) return { findings: ["No MFA method added in the last 7 days"], risk: "None" };
    return {
      findings: added.map((method) => `MFA method ${enumLabel(method.type)} (${method.detail}) added ${formatDateTime(method.addedAt)}`),
      risk: "Medium",
      evidence: added.map((method) => ({ kind: "mfaMethod", entity: `${address}: ${enumLabel(method.type)} (${method.detail})`, verdict: "Suspicious" as const, details: { methodId: method.id } })),
      actions: added.map((method) => ({ type: "removeMfaMethod", entity: `${address}: ${enumLabel(method.type)} (${method.detail})`, entityKey: method.id, target: { mailbox: address, methodId: method.id } })),
    };
  },
};

export const checkAppConsents: TStep = {
  key: "app-consents",
  name: "Application consents",
  phase: "root",
  async run(subject) {
    const { address, mailbox } = await subjectMailbox(subject);
    const { since } = suspectWindow(subject);
    const consents = mailbox ? await prisma.appConsent.findMany({ where: { mailboxId: mailbox.id, revokedAt: null, consentedAt: { gte: since } } }) : [];
    const risky = consents.filter((consent) => consent.scopes.some((scope) => RISKY_SCOPES.includes(scope)));
    if (!risky.length) return { findings: [`${consents.length} consents in the last 7 days, none with mail access`], risk: "None" };
    return {
      findings: risky.map((consent) => `${consent.appName} was granted ${consent.scopes.join(", ")}`),
      risk: "High",
      evidence: risky.map((consent) => ({ kind: "appConsent", entity: `${address}: ${consent.appName}`, verdict: "Malicious" as const, details: { consentId: consent.id, scopes: consent.scopes } })),
      actions: risky.map((consent) => ({ type: "revokeAppConsent", entity: `${address}: ${consent.appName}`, entityKey: consent.id, target: { mailbox: address, consentId: consent.id, appName: consent.appName } })),
    };
  },
};

export const checkAdminRoles: TStep = {
  key: "admin-roles",
  name: "Admin role assignments",
  phase: "root",
  async run(subject) {
    const { address, mailbox } = await subjectMailbox(subject);
    const { since } = suspectWindow(subject);
    const roles = mailbox ? await prisma.roleAssignment.findMany({ where: { mailboxId: mailbox.id, removedAt: null, assignedAt: { gte: since } } }) : [];
    if (!roles.length) return { findings: ["No admin role assigned in the last 7 days"], risk: "None" };
    return {
      findings: roles.map((role) => `Role ${role.role} assigned ${formatDateTime(role.assignedAt)}`),
      risk: "High",
      evidence: roles.map((role) => ({ kind: "role", entity: `${address}: ${role.role}`, verdict: "Suspicious" as const, details: { assignmentId: role.id } })),
      actions: roles.map((role) => ({ type: "removeAdminRole", entity: `${address}: ${role.role}`, entityKey: role.id, target: { mailbox: address, assignmentId: role.id, role: role.role } })),
    };
  },
};
