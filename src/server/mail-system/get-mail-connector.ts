import "server-only";
import { executeEmailAction } from "@/server/actions/execute-email-action";
import { postfixDovecotConnector } from "./dovecot/postfix-dovecot-connector";
import type { TConnectionCheck, TMailConnector } from "./mail-connector.types";
import type { TMailSystemSettingsInput } from "./mail-system-settings.schemas";
import { getMailSystemSettings, previewMailSystemSettings, type TMailSystemConfig } from "./mail-system-settings.service";

const BUILTIN: TMailConnector = {
  name: "builtin",
  executeEmailAction,
  testConnection: async () => [{ name: "Built-in", ok: true, detail: "built-in: acts on the tenant store" }],
};

/** The connector the settings in force choose (Settings › Mail system, or BREAKWATER_MAIL_CONNECTOR), or the one for `settings`. */
export async function getMailConnector(settings?: TMailSystemConfig): Promise<TMailConnector> {
  const config = settings ?? (await getMailSystemSettings());
  return config.connector === "postfix-dovecot" ? postfixDovecotConnector(config) : BUILTIN;
}

/** Test connection: the form's values as they would be in force once saved, or without them the saved settings. */
export async function testMailConnection(input?: TMailSystemSettingsInput): Promise<{ ok: boolean; checks: TConnectionCheck[] }> {
  const settings = input ? await previewMailSystemSettings(input) : await getMailSystemSettings();
  const checks = await (await getMailConnector(settings)).testConnection();
  return { ok: checks.every((check) => check.ok), checks };
}
