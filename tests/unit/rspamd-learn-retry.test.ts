import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { rspamdLearnFromAssessment } from "@/server/rspamd/learn-from-assessment";

// A stand-in controller on a real socket: rspamd's sqlite Bayes and learn cache fail a learn that meets another
// process's lock with a 5xx, and the same learn succeeds a moment later.
let server: http.Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

function controller(answers: Array<[number, object]>): Promise<{ url: string; calls: string[] }> {
  const calls: string[] = [];
  server = http.createServer((request, response) => {
    request.resume().on("end", () => {
      calls.push(request.url ?? "");
      const [status, body] = answers[Math.min(calls.length - 1, answers.length - 1)];
      response.writeHead(status, { "Content-Type": "application/json" }).end(JSON.stringify(body));
    });
  });
  return new Promise((resolve) =>
    server!.listen(0, "127.0.0.1", () =>
      resolve({ url: `http://127.0.0.1:${(server!.address() as AddressInfo).port}`, calls }),
    ),
  );
}

describe("rspamdLearnFromAssessment", () => {
  it("tries a learn again when rspamd answers a server error, and reports it learnt once it succeeds", async () => {
    const { url, calls } = await controller([
      [500, { error: "cannot lock learn cache" }],
      [200, { success: true }],
    ]);
    const result = await rspamdLearnFromAssessment("Subject: hi\r\n\r\nhello\r\n", "Clean", {
      controllerUrl: url,
      password: null,
    });
    expect(result).toEqual({
      status: "learned",
      steps: [{ action: "learnham", outcome: "learned", detail: "learnt as ham" }],
    });
    expect(calls).toEqual(["/learnham", "/learnham"]);
  });

  it("does not repeat a refusal that is the request's own fault, and says what rspamd answered", async () => {
    const { url, calls } = await controller([[400, { error: "message has too few tokens" }]]);
    const result = await rspamdLearnFromAssessment("Subject: hi\r\n\r\nhello\r\n", "Spam", {
      controllerUrl: url,
      password: null,
    });
    expect(result).toEqual({
      status: "failed",
      steps: [{ action: "learnspam", outcome: "failed", detail: "HTTP 400: message has too few tokens" }],
    });
    expect(calls).toEqual(["/learnspam"]);
  });
});
