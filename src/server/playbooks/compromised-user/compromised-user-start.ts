import type { TInvestigationStart } from "@/server/investigations/start-investigation";
import type { TPlaybookInputOf } from "../playbook-inputs";

/** One compromised-user run per user at a time (and none again right after one concluded): the user is its subject. */
export function compromisedUserStart(
  user: string,
  run: { detectionSource: string; input: TPlaybookInputOf<"CompromisedUser">; alertIds: number[] },
): TInvestigationStart<"CompromisedUser"> {
  const address = user.toLowerCase();
  return {
    playbook: "CompromisedUser",
    name: `Compromised user: ${address}`,
    users: [address],
    ...run,
    join: { lockKey: `user:${address}`, matches: { users: { has: address } } },
  };
}
