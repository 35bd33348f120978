import "server-only";
import { builtinConnector } from "./builtin/builtin-connector";
import { postfixDovecotConnector } from "./dovecot/postfix-dovecot-connector";
import type { TConnectionCheck, TMailConnector } from "./connector.types";
import type { TMailSystemSettingsInput } from "@/server/mail-system/mail-system-settings.schemas";
import {
  getMailSystemSettings,
  previewMailSystemSettings,
  type TMailSystemConfig,
} from "@/server/mail-system/mail-system-settings.service";

/** The connector the settings in force choose (Settings › Mail system, or BREAKWATER_MAIL_CONNECTOR), or the one for `settings`. */
export async function getMailConnector(settings?: TMailSystemConfig): Promise<TMailConnector> {
  const config = settings ?? (await getMailSystemSettings());
  return config.connector === "postfix-dovecot" ? postfixDovecotConnector(config) : builtinConnector;
}

/** Test connection: the form's values as they would be in force once saved, or without them the saved settings. */
export async function testMailConnection(
  input?: TMailSystemSettingsInput,
): Promise<{ ok: boolean; checks: TConnectionCheck[] }> {
  const settings = input ? await previewMailSystemSettings(input) : await getMailSystemSettings();
  const checks = await (await getMailConnector(settings)).testConnection();
  return { ok: checks.every((check) => check.ok), checks };
}
