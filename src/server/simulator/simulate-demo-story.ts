import "server-only";
import { SYSTEM } from "@/server/auth/principal";
import { getAutomationSettings, updateAutomationSettings } from "@/server/settings/automation-settings.service";
import { simulateCompromisedUser } from "./simulate-compromised-user";
import { simulatePhishCampaign } from "./simulate-phish-campaign";

export type SimulateDemoStoryOptions = { seed?: number; now?: Date };

/**
 * What makes a first sign-in worth having: the live incidents an analyst meets on a working day, fed through the same
 * ingestion and submissions a mail system uses, so the detections raise the alerts and the worker's playbooks make
 * the investigations and actions. Automation for similar files is switched on first (audited, as an admin would on
 * Settings › Automation settings), so the phish run remediates its file cluster on its own (History, decided by
 * Automation) while its URL and message clusters wait for approval (Action center), and the compromised user is
 * restricted with their remedies pending.
 */
export async function simulateDemoStory({ seed = 1, now = new Date() }: SimulateDemoStoryOptions = {}) {
  const settings = await getAutomationSettings();
  if (!settings.similarFiles) {
    await updateAutomationSettings(
      { similarFiles: true, similarUrls: settings.similarUrls, action: "softDelete" },
      { ...SYSTEM, name: "Demo organisation" },
    );
  }
  const compromisedUser = await simulateCompromisedUser({ seed, now });
  const phishCampaign = await simulatePhishCampaign({ seed, now });
  return { scenario: "story" as const, seed, compromisedUser, phishCampaign };
}
