import "server-only";
import { getMailSystemSettings } from "@/server/mail-system/mail-system-settings.service";

/** Where rspamd answers, from Settings › Mail system or BREAKWATER_RSPAMD_* (the environment wins). */
export type TRspamdConfig = {
  /** The normal worker (or a proxy in self-scan mode): POST /checkv2. null: no scanning. */
  url: string | null;
  /** The controller: /learnspam, /learnham, /fuzzyadd, /stat. null: no learning. */
  controllerUrl: string | null;
  controllerPassword: string | null;
};

export async function getRspamdConfig(): Promise<TRspamdConfig> {
  const settings = await getMailSystemSettings();
  return {
    url: settings.rspamdUrl,
    controllerUrl: settings.rspamdControllerUrl,
    controllerPassword: settings.rspamdControllerPassword,
  };
}

/** The settings' URL with a path of rspamd's HTTP API: a base given with or without a trailing slash. */
export function rspamdEndpoint(base: string, path: string): string {
  return `${base.replace(/\/+$/, "")}${path}`;
}
