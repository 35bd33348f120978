import { z } from "zod";
import { safe } from "@/server/http/safe-text";
import { ZAllowedInternalHosts } from "@/server/network/allowed-internal-hosts";

const ZHost = z
  .string()
  .trim()
  .min(1, { error: "must not be empty" })
  .max(253, { error: "must be at most 253 characters" })
  .regex(/^[A-Za-z0-9.:[\]-]+$/, { error: "must be a host name or an IP address" });
const ZPort = z
  .int({ error: "must be a whole number" })
  .min(1, { error: "must be between 1 and 65535" })
  .max(65535, { error: "must be between 1 and 65535" });
const ZHttpUrl = safe(z.url({ protocol: /^https?$/, error: "must be an http:// or https:// URL" }));
const ZText = (max: number) =>
  safe(
    z
      .string()
      .trim()
      .min(1, { error: "must not be empty (send null to leave it unset)" })
      .max(max, { error: `must be at most ${max} characters` }),
  );
// A secret left empty keeps the stored one (the form never receives it back); null removes it.
const ZSecret = z.union([z.literal(""), ZText(500), z.null()]).optional();

/**
 * The whole Settings › Mail system form (PUT replaces it). Unset optional fields are null; the secrets may be left
 * out or empty to keep what is stored.
 */
export const ZMailSystemSettingsBody = z.strictObject({
  connector: z.enum(["builtin", "postfix-dovecot"], { error: 'must be "builtin" or "postfix-dovecot"' }),
  policyHost: ZHost,
  policyPort: ZPort,
  policyFailOpen: z.boolean(),
  imapHost: ZHost.nullable(),
  imapPort: ZPort.nullable(),
  imapSecure: z.boolean(),
  masterUser: ZText(320).nullable(),
  masterPassword: ZSecret,
  doveadmUrl: ZHttpUrl.nullable(),
  doveadmApiKey: ZSecret,
  journalMailbox: z.email({ error: "must be an email address" }).nullable(),
  maillogPath: ZText(1000).startsWith("/", { error: "must be an absolute path" }).nullable(),
  // Left out by older clients: unset, as a PUT replaces the form.
  rspamdUrl: ZHttpUrl.nullable().default(null),
  rspamdControllerUrl: ZHttpUrl.nullable().default(null),
  rspamdControllerPassword: ZSecret,
  allowedInternalHosts: ZAllowedInternalHosts.optional().describe(
    "Host names, IP addresses or CIDR ranges that the mail system connector and the webhooks may reach although they are internal (loopback, private, link-local, metadata); left out, the stored list stays",
  ),
});
export type TMailSystemSettingsInput = z.infer<typeof ZMailSystemSettingsBody>;

/** Test connection: the form as it stands (unsaved values; empty secrets mean the stored ones), or nothing for the saved settings. */
export const ZMailSystemTestBody = ZMailSystemSettingsBody.optional();
