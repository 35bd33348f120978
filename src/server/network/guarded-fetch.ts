import "server-only";
import { Agent, fetch, type RequestInit, type Response } from "undici";
import { parseAddress } from "./internal-address";
import { guardedLookup, resolveOutboundTarget } from "./outbound-target";

// One agent (and its kept-alive connections) per allow-list; a changed list makes a new one.
const agents = new Map<string, Agent>();

function agentFor(allowed: readonly string[]): Agent {
  const key = JSON.stringify(allowed);
  let agent = agents.get(key);
  if (!agent) {
    if (agents.size >= 8) {
      for (const old of agents.values()) void old.close();
      agents.clear();
    }
    agent = new Agent({ connect: { lookup: guardedLookup(allowed) } });
    agents.set(key, agent);
  }
  return agent;
}

/**
 * fetch to a URL an admin entered (a webhook, doveadm's API), refused when it leads to an internal address that
 * Allowed internal hosts does not name. The check is made on the address the connection then uses.
 */
export async function guardedFetch(url: string, init: Omit<RequestInit, "dispatcher">, allowed: readonly string[]): Promise<Response> {
  const { hostname } = new URL(url);
  // An address written in the URL is connected to without a lookup: checked here instead, failing as fetch fails.
  if (parseAddress(hostname)) await resolveOutboundTarget(hostname, allowed).catch((cause) => Promise.reject(new TypeError("fetch failed", { cause })));
  return fetch(url, { ...init, dispatcher: agentFor(allowed) });
}
