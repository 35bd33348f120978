import "server-only";
import { Agent, buildConnector, fetch, type RequestInit, type Response } from "undici";
import { parseAddress } from "./internal-address";
import { guardedLookup, resolveOutboundTarget } from "./outbound-target";

// One agent (and its kept-alive connections) per allow-list; a changed list makes a new one.
const agents = new Map<string, Agent>();

/**
 * Every connection the agent opens, redirects included, is checked: a name through the lookup (which hands the
 * socket only the addresses it checked), an address written as such here, since no lookup is made for it.
 */
function guardedAgent(allowed: readonly string[]): Agent {
  const connect = buildConnector({ lookup: guardedLookup(allowed) });
  return new Agent({
    connect: (options, callback) => {
      if (!parseAddress(options.hostname)) return connect(options, callback);
      resolveOutboundTarget(options.hostname, allowed).then(
        () => connect(options, callback),
        (error: Error) => callback(error, null),
      );
    },
  });
}

function agentFor(allowed: readonly string[]): Agent {
  const key = JSON.stringify(allowed);
  let agent = agents.get(key);
  if (!agent) {
    if (agents.size >= 8) {
      for (const old of agents.values()) void old.close();
      agents.clear();
    }
    agent = guardedAgent(allowed);
    agents.set(key, agent);
  }
  return agent;
}

/**
 * fetch to a URL an admin entered (a webhook, doveadm's API), refused when it leads to an internal address that
 * Allowed internal hosts does not name. The check is made on the address each connection then uses.
 */
export function guardedFetch(
  url: string,
  init: Omit<RequestInit, "dispatcher">,
  allowed: readonly string[],
): Promise<Response> {
  return fetch(url, { ...init, dispatcher: agentFor(allowed) });
}
