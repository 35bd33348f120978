import "server-only";
import { simulateCompromisedUser } from "./simulate-compromised-user";
import { simulateOrg } from "./simulate-org";

/** What every scenario takes from the command line; each uses the ones it needs. */
export type ScenarioOptions = { seed?: number; days?: number; mailboxes?: number; now?: Date };

/** A scenario writes through the ingestion functions and returns a JSON-able summary of what it made. */
export type Scenario = (options: ScenarioOptions) => Promise<object>;

// New scenarios (phish-campaign) register here; `npm run simulate -- <name>` finds them.
export const SCENARIOS: Record<string, Scenario> = {
  org: simulateOrg,
  "compromised-user": simulateCompromisedUser,
};

export function findScenario(name: string | undefined): Scenario {
  const known = Object.keys(SCENARIOS).join(", ");
  if (!name) throw new Error(`name a scenario: one of ${known}`);
  const scenario = Object.hasOwn(SCENARIOS, name) ? SCENARIOS[name] : undefined;
  if (!scenario) throw new Error(`unknown scenario "${name}": known scenarios are ${known}`);
  return scenario;
}
