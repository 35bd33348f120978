import "server-only";
import { internalDomains } from "@/server/detection/sending-activity";
import type { TDetectionSettings } from "@/server/verdicts/detection-settings.service";

/**
 * Hosts that never link reports nor teach anything: the shared hosts (shorteners, cloud documents…) and the
 * organisation's own domains, with the reporter's — a phish copies its target's real links, and a link shown as text
 * ("https://payroll.contoso.com") names the organisation, not the campaign. Read before a transaction opens.
 */
export async function linkExclusions(settings: Pick<TDetectionSettings, "sharedHosts">): Promise<string[]> {
  return [...new Set([...settings.sharedHosts, ...(await internalDomains())])];
}

export function withReporterDomain(excluded: string[], reporter: string): string[] {
  const domain = reporter.slice(reporter.lastIndexOf("@") + 1).toLowerCase();
  return domain && !excluded.includes(domain) ? [...excluded, domain] : excluded;
}
