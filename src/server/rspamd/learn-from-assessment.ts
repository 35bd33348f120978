import "server-only";
import { getRspamdConfig, rspamdEndpoint } from "./rspamd-config";
import { rspamdRequest } from "./rspamd-request";

export type TLearnAssessment = "Clean" | "Spam" | "Phish" | "Malware";

/**
 * The fuzzy storage flags Breakwater adds hashes under; rspamd's fuzzy_check rule maps them to the symbols
 * BREAKWATER_FUZZY_PHISH and BREAKWATER_FUZZY_MALWARE (the sandbox's config and the README's lines).
 */
export const RSPAMD_FUZZY_FLAGS = { Phish: 11, Malware: 12 } as const;
/** How much one analyst's hash weighs in fuzzy storage (rspamd's Weight header; a hit scores up to max_score). */
const FUZZY_WEIGHT = 10;

export type TLearnStep = {
  /** The controller endpoint called. */
  action: "learnham" | "learnspam" | "fuzzyadd";
  /** learned: rspamd took it; already: it knew this message as such already; failed: see detail. */
  outcome: "learned" | "already" | "failed";
  detail: string;
};

export type TLearnResult =
  | { status: "not-configured" }
  | { status: "learned" | "partly" | "failed"; steps: TLearnStep[] };

export type TLearnOptions = {
  /** Default 10 s a request: learning runs after the analyst's answer, never in front of it. */
  timeoutMs?: number;
  /** The controller's URL and password; the settings' (Settings › Mail system, BREAKWATER_RSPAMD_*) when left out. */
  controllerUrl?: string | null;
  password?: string | null;
};

const DEFAULT_TIMEOUT_MS = 10_000;
/**
 * A learn that rspamd refuses with a server error is tried again after these pauses: its Bayes statfiles and learn
 * cache are sqlite files that the controller and the scanning workers lock in turn, and a learn that meets the lock
 * fails with a 5xx that a moment later would have succeeded. On a busy machine the locks are held for seconds (a CI
 * run failed after the first three pauses), so the pauses grow to about 9 s in all: learning is never in front of
 * the analyst.
 */
const SERVER_ERROR_RETRY_PAUSES_MS = [250, 1_000, 2_500, 5_000];

/**
 * Teaches rspamd an analyst's assessment of a message through its controller: Clean → learn ham; Spam, Phish and
 * Malware → learn spam; Phish and Malware also add the message's fuzzy hashes under Breakwater's flags, so the next
 * copy of the campaign, reworded a little, is recognised at SMTP and in scans. Never throws; says what happened.
 */
export async function rspamdLearnFromAssessment(
  raw: Buffer | string,
  assessment: TLearnAssessment,
  options: TLearnOptions = {},
): Promise<TLearnResult> {
  let { controllerUrl, password } = options;
  if (controllerUrl === undefined) {
    try {
      const config = await getRspamdConfig();
      controllerUrl = config.controllerUrl;
      password ??= config.controllerPassword;
    } catch (error) {
      const detail = `its settings could not be read: ${error instanceof Error ? error.message : String(error)}`;
      return {
        status: "failed",
        steps: [{ action: assessment === "Clean" ? "learnham" : "learnspam", outcome: "failed", detail }],
      };
    }
  }
  if (!controllerUrl) return { status: "not-configured" };
  const request = (action: TLearnStep["action"], headers: Record<string, string>) =>
    rspamdRequest(rspamdEndpoint(controllerUrl, `/${action}`), {
      method: "POST",
      headers: { ...(password ? { Password: password } : {}), ...headers },
      body: raw,
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    });
  const call = async (action: TLearnStep["action"], headers: Record<string, string> = {}): Promise<TLearnStep> => {
    let reply = await request(action, headers);
    for (const pauseMs of SERVER_ERROR_RETRY_PAUSES_MS) {
      if (reply.ok || (reply.status ?? 0) < 500) break;
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
      reply = await request(action, headers);
    }
    if (reply.ok)
      return {
        action,
        outcome: "learned",
        detail:
          action === "fuzzyadd"
            ? `hash added with flag ${headers.Flag}`
            : `learnt as ${action === "learnham" ? "ham" : "spam"}`,
      };
    // rspamd answers 404 "<id> has been already learned as spam, ignore it": the knowledge is there, which is the point.
    if (/already learned/i.test(reply.reason)) return { action, outcome: "already", detail: reply.reason };
    return { action, outcome: "failed", detail: reply.reason };
  };
  const steps = [await call(assessment === "Clean" ? "learnham" : "learnspam")];
  if (assessment === "Phish" || assessment === "Malware")
    steps.push(await call("fuzzyadd", { Flag: String(RSPAMD_FUZZY_FLAGS[assessment]), Weight: String(FUZZY_WEIGHT) }));
  const failed = steps.filter((step) => step.outcome === "failed").length;
  return { status: failed === 0 ? "learned" : failed === steps.length ? "failed" : "partly", steps };
}
