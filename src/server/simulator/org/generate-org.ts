import "server-only";
import { createRandom } from "@/lib/random";
import type { TEmailEventInput, TIdentityEventInput } from "@/server/ingestion/ingestion.schemas";
import { generateMailboxConfig, generateSignInDay } from "./org-identity";
import { generateMailDay } from "./org-mail";
import { buildOrg, type Org } from "./org-people";
import { DAY_MS } from "./org-time";

export type OrgPlan = {
  org: Org;
  from: number;
  to: number;
  config: TIdentityEventInput[];
  /** The window day by day, generated lazily so that a month of mail never sits in memory at once. */
  days(): Generator<{ dayStart: number; mail: TEmailEventInput[]; signIns: TIdentityEventInput[] }>;
};

/**
 * Everything the org scenario writes, with no I/O: a pure function of (seed, days, mailboxes, now). Each part
 * draws from its own forked generator, so a day's rows do not depend on how many days came before it.
 */
export function generateOrg({
  seed,
  days,
  mailboxes,
  now,
}: {
  seed: number;
  days: number;
  mailboxes: number;
  now: Date;
}): OrgPlan {
  const random = createRandom(seed);
  const org = buildOrg(random.fork("people"), mailboxes);
  const to = now.getTime();
  const from = to - days * DAY_MS;
  return {
    org,
    from,
    to,
    config: generateMailboxConfig(org, random.fork("config"), seed, from, to),
    *days() {
      for (let dayStart = from; dayStart < to; dayStart += DAY_MS) {
        yield {
          dayStart,
          mail: generateMailDay(org, random.fork(`mail:${dayStart}`), seed, dayStart),
          signIns: generateSignInDay(org, random.fork(`signIns:${dayStart}`), dayStart),
        };
      }
    },
  };
}
