import { z } from "zod";
import { defineContract } from "@/server/http/contract";
import { ZWireDate } from "@/server/http/wire";
import { ZMailboxParams, ZPriorityBody } from "./mailboxes.schemas";

// Removed and revoked entries are left out: what a compromise changed and a remedy would undo, as it stands now.
const ZMailboxConfiguration = z.object({
  address: z.string(),
  displayName: z.string(),
  department: z.string(),
  isAccountEnabled: z.boolean(),
  isPriority: z.boolean(),
  forwardingSmtpAddress: z.string().nullable(),
  passwordChangedAt: ZWireDate.nullable(),
  inboxRules: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      isEnabled: z.boolean(),
      isHidden: z.boolean(),
      forwardTo: z.string().nullable(),
      redirectTo: z.string().nullable(),
      deleteMessage: z.boolean(),
      moveToFolder: z.string().nullable(),
      createdAt: ZWireDate,
    }),
  ),
  mfaMethods: z.array(z.object({ id: z.string(), type: z.string(), detail: z.string(), addedAt: ZWireDate })),
  appConsents: z.array(
    z.object({ id: z.string(), appName: z.string(), scopes: z.array(z.string()), consentedAt: ZWireDate }),
  ),
  roleAssignments: z.array(z.object({ id: z.string(), role: z.string(), assignedAt: ZWireDate })),
  activeSessions: z.number().int(),
});

export const MAILBOX_ROUTES = {
  configuration: defineContract({
    method: "GET",
    path: "/api/v1/mailboxes/{address}",
    permission: "investigations:read",
    summary: "A mailbox's configuration",
    description: "Forwarding, inbox rules, MFA methods, app consents, roles and sessions.",
    params: ZMailboxParams,
    response: ZMailboxConfiguration,
  }),
  setPriority: defineContract({
    method: "PUT",
    path: "/api/v1/mailboxes/{address}/priority",
    permission: "settings:write",
    summary: "Tag a priority account",
    description: "`{ isPriority }`; audited. Previews list priority accounts first.",
    params: ZMailboxParams,
    body: ZPriorityBody,
    response: z.object({ address: z.string(), isPriority: z.boolean() }),
  }),
};
