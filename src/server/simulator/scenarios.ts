import "server-only";
import { simulateCompromisedUser } from "./simulate-compromised-user";
import { simulateDemoStory } from "./simulate-demo-story";
import { simulateOrg } from "./simulate-org";
import { simulatePhishCampaign } from "./simulate-phish-campaign";

/** What every scenario takes from the command line; each uses the ones it needs. */
export type ScenarioOptions = {
  seed?: number;
  days?: number;
  mailboxes?: number;
  now?: Date;
  recipients?: number;
  report?: boolean;
  submission?: { host: string; port: number };
};

/** A scenario writes through the ingestion functions and returns a JSON-able summary of what it made. */
export type Scenario = (options: ScenarioOptions) => Promise<object>;

// `npm run simulate -- <name>` finds the scenarios registered here.
export const SCENARIOS: Record<string, Scenario> = {
  org: simulateOrg,
  "phish-campaign": simulatePhishCampaign,
  "compromised-user": simulateCompromisedUser,
  story: simulateDemoStory,
};

export function findScenario(name: string | undefined): Scenario {
  const known = Object.keys(SCENARIOS).join(", ");
  if (!name) throw new Error(`name a scenario: one of ${known}`);
  const scenario = Object.hasOwn(SCENARIOS, name) ? SCENARIOS[name] : undefined;
  if (!scenario) throw new Error(`unknown scenario "${name}": known scenarios are ${known}`);
  return scenario;
}
