import "server-only";
import http from "node:http";
import https from "node:https";

/** status: the HTTP status when rspamd answered at all (absent for a refused connection or a timeout). */
export type TRspamdReply = { ok: true; status: number; body: unknown } | { ok: false; reason: string; status?: number };

const MAX_REPLY_BYTES = 16 << 20;

/**
 * One HTTP request to rspamd with a deadline for the whole exchange. Never throws: rspamd is a second opinion, and a
 * verdict or an assessment must never fail because it is down, slow or answers something unexpected. A non-2xx
 * answer comes back as not ok, with rspamd's `{ error }` as the reason. node:http rather than fetch: rspamd's
 * protocol repeats a header per recipient (Rcpt), which fetch would join into one.
 */
export function rspamdRequest(
  url: string,
  init: {
    method: "GET" | "POST";
    headers?: Record<string, string | string[]>;
    body?: Buffer | string;
    timeoutMs: number;
  },
): Promise<TRspamdReply> {
  return new Promise((resolve) => {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      resolve({ ok: false, reason: `not a URL: ${url}` });
      return;
    }
    const startedAt = Date.now();
    const client = target.protocol === "https:" ? https : http;
    const request = client.request(target, { method: init.method, headers: init.headers }, (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_REPLY_BYTES) request.destroy(new Error("the answer is too large"));
        else chunks.push(chunk);
      });
      response.on("error", (error) => done({ ok: false, reason: error.message }));
      response.on("end", () => done(reply(response.statusCode ?? 0, Buffer.concat(chunks).toString("utf8"))));
    });
    const timer = setTimeout(
      () => request.destroy(new Error(`no answer within ${Date.now() - startedAt} ms`)),
      init.timeoutMs,
    );
    let isDone = false;
    const done = (result: TRspamdReply) => {
      if (isDone) return;
      isDone = true;
      clearTimeout(timer);
      resolve(result);
    };
    request.on("error", (error) => done({ ok: false, reason: error.message || String(error) }));
    request.end(init.body);
  });
}

function reply(status: number, text: string): TRspamdReply {
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // rspamd answers JSON; anything else (a proxy's HTML error page) is kept as text for the reason.
  }
  if (status >= 200 && status < 300) return { ok: true, status, body };
  const error =
    typeof body === "object" && body !== null && "error" in body
      ? String((body as { error: unknown }).error)
      : text.slice(0, 200);
  return { ok: false, status, reason: `HTTP ${status}${error ? `: ${error}` : ""}` };
}
