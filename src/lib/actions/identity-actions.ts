import "@/lib/zod-jitless";
import { z } from "zod";

/** What every identity remedy names: the account's mailbox. The others add the one item of its configuration they act on. */
const ZMailboxTarget = z.object({ mailbox: z.string() });

/**
 * The remedies on an account and its mailbox configuration (seeds/003's response steps). None can be undone from the
 * console: a disabled account, a revoked session or a removed MFA method is restored in the identity provider.
 */
export const IDENTITY_ACTION_SPECS = {
  disableAccount: { label: "Disable account", target: ZMailboxTarget },
  revokeSessions: { label: "Revoke sessions", target: ZMailboxTarget },
  resetPassword: { label: "Reset password", target: ZMailboxTarget },
  removeMfaMethod: { label: "Remove MFA method", target: ZMailboxTarget.extend({ methodId: z.string() }) },
  revokeAppConsent: {
    label: "Revoke app consent",
    target: ZMailboxTarget.extend({ consentId: z.string(), appName: z.string().optional() }),
  },
  removeAdminRole: {
    label: "Remove admin role",
    target: ZMailboxTarget.extend({ assignmentId: z.string(), role: z.string().optional() }),
  },
  removeForwarding: {
    label: "Remove forwarding",
    target: ZMailboxTarget.extend({ forwardingSmtpAddress: z.string().optional() }),
  },
  removeForwardingRule: {
    label: "Remove forwarding rule",
    target: ZMailboxTarget.extend({
      ruleId: z.string(),
      ruleName: z.string().optional(),
      forwardsTo: z.array(z.string()).optional(),
    }),
  },
  disableInboxRule: {
    label: "Disable inbox rule",
    target: ZMailboxTarget.extend({
      ruleId: z.string(),
      ruleName: z.string().optional(),
      forwardsTo: z.array(z.string()).optional(),
    }),
  },
  releaseUser: { label: "Release user", target: ZMailboxTarget.extend({ restrictedUserId: z.string().optional() }) },
} as const;

export type TIdentityActionType = keyof typeof IDENTITY_ACTION_SPECS;
