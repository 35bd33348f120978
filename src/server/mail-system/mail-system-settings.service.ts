import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { writeAudit } from "@/server/audit/write-audit";
import type { TPrincipal } from "@/server/auth/principal";
import { prisma } from "@/server/db";
import { readEnv, type TEnv } from "@/server/env";
import { AppError } from "@/server/http/app-error";
import type { TConnectorName } from "@/server/connectors/connector.types";
import type { TMailSystemSettingsInput } from "./mail-system-settings.schemas";
import { checkMailSystemTargets } from "./check-mail-system-targets";

export type TMailSystemConfig = {
  connector: TConnectorName;
  policyHost: string;
  policyPort: number;
  /** Breakwater down: Postfix lets mail through (true) or answers 451 so the sender retries (false). */
  policyFailOpen: boolean;
  imapHost: string | null;
  imapPort: number | null;
  imapSecure: boolean;
  masterUser: string | null;
  masterPassword: string | null;
  doveadmUrl: string | null;
  doveadmApiKey: string | null;
  journalMailbox: string | null;
  maillogPath: string | null;
  /** rspamd's normal worker (scans) and controller (learning); see src/server/rspamd. */
  rspamdUrl: string | null;
  rspamdControllerUrl: string | null;
  rspamdControllerPassword: string | null;
  /** Internal targets (loopback, private, link-local...) the connector and the webhooks may reach; every other one is refused. */
  allowedInternalHosts: string[];
};

type TField = keyof TMailSystemConfig;

export type TMailSystemSettings = TMailSystemConfig & {
  updatedAt: Date | null;
  updatedBy: string | null;
  /** Fields an environment variable sets: they win over what is saved here. */
  fromEnvironment: TField[];
};

/** What leaves the server: the secrets are never in it, only whether one is stored. */
export type TMailSystemSettingsView = Omit<
  TMailSystemSettings,
  "masterPassword" | "doveadmApiKey" | "rspamdControllerPassword"
> & {
  hasMasterPassword: boolean;
  hasDoveadmApiKey: boolean;
  hasRspamdControllerPassword: boolean;
};

// Mail flows while Breakwater is down by default: a console outage must not stop an organisation's mail.
const DEFAULTS: TMailSystemConfig = {
  connector: "builtin",
  policyHost: "127.0.0.1",
  policyPort: 10040,
  policyFailOpen: true,
  imapHost: null,
  imapPort: null,
  imapSecure: false,
  masterUser: null,
  masterPassword: null,
  doveadmUrl: null,
  doveadmApiKey: null,
  journalMailbox: null,
  maillogPath: null,
  rspamdUrl: null,
  rspamdControllerUrl: null,
  rspamdControllerPassword: null,
  allowedInternalHosts: [],
};

export const MAIL_SYSTEM_ENVIRONMENT = {
  connector: "BREAKWATER_MAIL_CONNECTOR",
  policyHost: "BREAKWATER_POLICY_HOST",
  policyPort: "BREAKWATER_POLICY_PORT",
  policyFailOpen: "BREAKWATER_POLICY_FAIL_OPEN",
  imapHost: "BREAKWATER_IMAP_HOST",
  imapPort: "BREAKWATER_IMAP_PORT",
  imapSecure: "BREAKWATER_IMAP_SECURE",
  masterUser: "BREAKWATER_IMAP_MASTER_USER",
  masterPassword: "BREAKWATER_IMAP_MASTER_PASSWORD",
  doveadmUrl: "BREAKWATER_DOVEADM_URL",
  doveadmApiKey: "BREAKWATER_DOVEADM_API_KEY",
  journalMailbox: "BREAKWATER_JOURNAL_MAILBOX",
  maillogPath: "BREAKWATER_MAILLOG_PATH",
  rspamdUrl: "BREAKWATER_RSPAMD_URL",
  rspamdControllerUrl: "BREAKWATER_RSPAMD_CONTROLLER_URL",
  rspamdControllerPassword: "BREAKWATER_RSPAMD_PASSWORD",
  allowedInternalHosts: "BREAKWATER_ALLOWED_INTERNAL_HOSTS",
} as const satisfies Record<TField, keyof TEnv>;

const SECRETS = ["masterPassword", "doveadmApiKey", "rspamdControllerPassword"] as const;

type TDb = Pick<Prisma.TransactionClient, "mailSystemSettings">;

async function storedConfig(
  db: TDb,
): Promise<TMailSystemConfig & { updatedAt: Date | null; updatedBy: string | null }> {
  const row = await db.mailSystemSettings.findUnique({ where: { id: 1 } });
  if (!row) return { ...DEFAULTS, updatedAt: null, updatedBy: null };
  const { id: _id, connector, ...rest } = row;
  return { ...rest, connector: connector === "postfix-dovecot" ? "postfix-dovecot" : "builtin" };
}

function withEnvironment<T extends TMailSystemConfig>(config: T, env: TEnv): T & { fromEnvironment: TField[] } {
  const fromEnvironment = (Object.keys(MAIL_SYSTEM_ENVIRONMENT) as TField[]).filter(
    (field) => env[MAIL_SYSTEM_ENVIRONMENT[field]] !== undefined,
  );
  const overrides = Object.fromEntries(fromEnvironment.map((field) => [field, env[MAIL_SYSTEM_ENVIRONMENT[field]]]));
  return { ...config, ...overrides, fromEnvironment };
}

/** The settings in force, secrets included (server side only): row id 1, then the environment's overrides. */
export async function getMailSystemSettings(db: TDb = prisma, env: TEnv = readEnv()): Promise<TMailSystemSettings> {
  return withEnvironment(await storedConfig(db), env);
}

export function mailSystemSettingsView({
  masterPassword,
  doveadmApiKey,
  rspamdControllerPassword,
  ...settings
}: TMailSystemSettings): TMailSystemSettingsView {
  return {
    ...settings,
    hasMasterPassword: masterPassword !== null,
    hasDoveadmApiKey: doveadmApiKey !== null,
    hasRspamdControllerPassword: rspamdControllerPassword !== null,
  };
}

export async function getMailSystemSettingsView(): Promise<TMailSystemSettingsView> {
  return mailSystemSettingsView(await getMailSystemSettings());
}

/** The form's values over the stored settings: an empty or missing secret keeps the stored one, null removes it. */
function mergeSecrets(input: TMailSystemSettingsInput, stored: TMailSystemConfig): TMailSystemConfig {
  const keep = (field: (typeof SECRETS)[number]) =>
    input[field] === undefined || input[field] === "" ? stored[field] : input[field];
  // Allowed internal hosts left out of the body (an older client) keeps the stored list.
  return {
    ...input,
    masterPassword: keep("masterPassword"),
    doveadmApiKey: keep("doveadmApiKey"),
    rspamdControllerPassword: keep("rspamdControllerPassword"),
    allowedInternalHosts: input.allowedInternalHosts ?? stored.allowedInternalHosts,
  };
}

/**
 * A Postfix + Dovecot connector needs one way to move mail: doveadm's HTTP API, or IMAP as a master user. Checked on the
 * settings in force (the environment may supply part of it), and named by the form field to fill in.
 */
function assertReachable(settings: TMailSystemConfig): void {
  if (settings.connector !== "postfix-dovecot") return;
  const missing = (field: TField, message: string) =>
    new AppError("BAD_REQUEST", `Invalid body.${field}: ${message}`, [{ path: `body.${field}`, message }]);
  if (settings.doveadmUrl) {
    if (!settings.doveadmApiKey) throw missing("doveadmApiKey", "is needed to call the doveadm API");
    return;
  }
  if (!settings.imapHost)
    throw missing("imapHost", "is needed by the Postfix + Dovecot connector, unless a doveadm URL is given");
  if (!settings.masterUser) throw missing("masterUser", "is needed to reach the mailboxes over IMAP");
  if (!settings.masterPassword) throw missing("masterPassword", "is needed to reach the mailboxes over IMAP");
}

/** The settings the form would put in force once saved: for Test connection before saving. */
export async function previewMailSystemSettings(input: TMailSystemSettingsInput): Promise<TMailSystemSettings> {
  const stored = await storedConfig(prisma);
  return {
    ...withEnvironment(mergeSecrets(input, stored), readEnv()),
    updatedAt: stored.updatedAt,
    updatedBy: stored.updatedBy,
  };
}

/** Saves the form (Security Administrator), audited in the same transaction, never with a secret in the audit entry. */
export async function updateMailSystemSettings(
  input: TMailSystemSettingsInput,
  actor: TPrincipal,
): Promise<TMailSystemSettingsView> {
  const env = readEnv();
  // Names are resolved before the row is locked: a slow DNS answer must not hold the lock.
  await checkMailSystemTargets(withEnvironment(mergeSecrets(input, await storedConfig(prisma)), env));
  return prisma.$transaction(async (tx) => {
    // Locked: two admins saving at once must each see, and audit, the other's change as their "before".
    await tx.$executeRaw`select 1 from "MailSystemSettings" where id = 1 for update`;
    const stored = await storedConfig(tx);
    const config = mergeSecrets(input, stored);
    assertReachable(withEnvironment(config, env));
    const data = { ...config, updatedBy: actor.name };
    await tx.mailSystemSettings.upsert({ where: { id: 1 }, create: { id: 1, ...data }, update: data });
    const replaced = SECRETS.filter((field) => config[field] !== stored[field]);
    await writeAudit(
      {
        actor,
        action: "mailSystemSettings.update",
        targetType: "mailSystemSettings",
        targetId: 1,
        before: auditView(stored),
        after: { ...auditView(config), ...(replaced.length ? { secretsChanged: replaced } : {}) },
      },
      tx,
    );
    return mailSystemSettingsView(await getMailSystemSettings(tx, env));
  });
}

function auditView(config: TMailSystemConfig) {
  const visible = (Object.keys(DEFAULTS) as TField[]).filter(
    (field) => !(SECRETS as readonly TField[]).includes(field),
  );
  return {
    ...Object.fromEntries(visible.map((field) => [field, config[field]])),
    hasMasterPassword: config.masterPassword !== null,
    hasDoveadmApiKey: config.doveadmApiKey !== null,
    hasRspamdControllerPassword: config.rspamdControllerPassword !== null,
  };
}
