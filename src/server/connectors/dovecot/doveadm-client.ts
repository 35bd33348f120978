import "server-only";
import { guardedFetch } from "@/server/network/guarded-fetch";
import { OutboundRefusedError } from "@/server/network/outbound-target";
import { FAILURE_REASONS } from "../failure-reasons";
import { networkWords } from "./network-words";

export type TDoveadmSettings = { url: string; apiKey: string; allowedInternalHosts: readonly string[] };

export type TDoveadmCommand = [name: string, parameters: Record<string, unknown>];

/** Each command's answer: its rows, or why it failed in words an admin can act on. */
export type TDoveadmAnswer = { rows: Record<string, string>[] } | { error: string };

/** Commands per HTTP request: one round trip for most clusters, and a bounded request for the largest. */
const COMMANDS_PER_REQUEST = 200;

// doveadm's exit codes (sysexits.h) that mean something other than "it failed".
const EXIT_CODES: Record<number, string> = {
  67: FAILURE_REASONS.mailboxGone,
  68: "doveadm: mailbox not found",
  75: "doveadm: temporary failure, try again",
  77: "doveadm: permission denied",
};

/** The API's address as an admin may type it: "http://host:8080" or ".../doveadm/v1". */
export const doveadmEndpoint = (url: string) =>
  /\/doveadm\/v1\/?$/.test(url) ? url.replace(/\/$/, "") : `${url.replace(/\/$/, "")}/doveadm/v1`;

export const doveadmHeaders = (apiKey: string) => ({
  authorization: `X-Dovecot-API ${Buffer.from(apiKey).toString("base64")}`,
  "content-type": "application/json",
});

/** Why a request to the API failed, as Test connection and the per-copy results say it. */
export function describeFetchError(error: unknown): string {
  if ((error as Error).name === "TimeoutError") return "no answer";
  const cause = (error as { cause?: { code?: string } }).cause;
  if (cause instanceof OutboundRefusedError) return `refused: ${cause.message}`;
  return networkWords(cause?.code) ?? (error as Error).message;
}

/**
 * Runs commands through doveadm's HTTP API (POST /doveadm/v1), many per request. A request that fails (server down,
 * wrong key) fails each of its commands with the reason; once one has failed that way the rest are not sent.
 */
export async function runDoveadm(settings: TDoveadmSettings, commands: TDoveadmCommand[]): Promise<TDoveadmAnswer[]> {
  const answers: TDoveadmAnswer[] = [];
  let stopReason: string | null = null;
  for (let start = 0; start < commands.length; start += COMMANDS_PER_REQUEST) {
    const batch = commands.slice(start, start + COMMANDS_PER_REQUEST);
    if (!stopReason) {
      try {
        answers.push(...(await post(settings, batch)));
        continue;
      } catch (error) {
        stopReason =
          error instanceof DoveadmHttpError
            ? error.message
            : FAILURE_REASONS.doveadmUnreachable(describeFetchError(error));
      }
    }
    answers.push(...batch.map(() => ({ error: stopReason! })));
  }
  return answers;
}

class DoveadmHttpError extends Error {}

async function post(settings: TDoveadmSettings, batch: TDoveadmCommand[]): Promise<TDoveadmAnswer[]> {
  const response = await guardedFetch(
    doveadmEndpoint(settings.url),
    {
      method: "POST",
      headers: doveadmHeaders(settings.apiKey),
      body: JSON.stringify(batch.map(([name, parameters], index) => [name, parameters, `c${index}`])),
      signal: AbortSignal.timeout(60_000),
    },
    settings.allowedInternalHosts,
  );
  if (!response.ok) throw new DoveadmHttpError(`doveadm API: ${response.status}`);
  const replies = (await response.json()) as [kind: string, payload: unknown, tag: string][];
  const byTag = new Map(replies.map(([kind, payload, tag]) => [tag, { kind, payload }]));
  return batch.map((_, index): TDoveadmAnswer => {
    const reply = byTag.get(`c${index}`);
    if (!reply) return { error: "doveadm API: no answer to the command" };
    if (reply.kind === "doveadmResponse") return { rows: reply.payload as Record<string, string>[] };
    const exitCode = (reply.payload as { exitCode?: number }).exitCode;
    return {
      error:
        (exitCode !== undefined && EXIT_CODES[exitCode]) ||
        `doveadm: ${reply.kind} (exit code ${exitCode ?? "unknown"})`,
    };
  });
}
