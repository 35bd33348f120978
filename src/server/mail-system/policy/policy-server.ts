import "server-only";
import net from "node:net";
import pg from "pg";
import { detectLimitBreach } from "@/server/detection/detect-outbound";
import { crossedLimits } from "@/server/detection/sending-rules";
import { countSentMessage } from "./count-sent-message";
import { acceptedRecipients, countedSender, decideSender, POLICY_ANSWERS } from "./policy-decision";
import { createPolicyParser, formatPolicyAnswer, type TPolicyRequest } from "./policy-protocol";
import { startSenderDirectory } from "./sender-directory";
import { readEnv } from "@/server/env";

export type TPolicyServerOptions = {
  host: string;
  /** 0 takes a free port (tests); the one taken is on the result. */
  port: number;
  /** A fixed choice (BREAKWATER_POLICY_FAIL_OPEN, tests); when unset, MailSystemSettings.policyFailOpen, else open. */
  failOpen?: boolean;
  /**
   * Where the sender lists are read and recipients counted: DATABASE_URL unless given. Alerts and restrictions are
   * written by the app's own client, on DATABASE_URL.
   */
  databaseUrl?: string;
  /** How often the lists are reloaded without a NOTIFY (sender indicators have none). */
  reloadMs?: number;
  /** How old the lists may be before the database counts as unreachable and the fail mode applies. */
  staleAfterMs?: number;
  log?: (message: string) => void;
};

export type TPolicyServer = { port: number; stop(): Promise<void> };

// Postfix closes an idle policy connection after smtpd_policy_service_max_idle (300 s): a connection idle longer is
// a peer that went away without closing it.
const IDLE_TIMEOUT_MS = 330_000;
// Postfix asks one question at a time; a client that pipelines more than this waits until they are answered.
const MAX_PENDING = 64;

/**
 * The Postfix SMTP access policy delegation server (check_policy_service). At MAIL/RCPT it refuses restricted and
 * blocked senders from the in-memory lists; at END-OF-MESSAGE it counts the accepted recipients of the
 * organisation's senders and, when a message crosses an outbound limit, raises the same alerts and restriction as
 * the ingestion-time detection and refuses that message. Each answer reads the shared lists, never anything kept
 * per connection, because Postfix keeps a connection open for minutes.
 */
export async function startPolicyServer(options: TPolicyServerOptions): Promise<TPolicyServer> {
  const log = options.log ?? ((message: string) => console.log(`[policy] ${message}`));
  const databaseUrl = options.databaseUrl ?? readEnv().DATABASE_URL;
  if (!databaseUrl) throw new Error("the sender policy service needs DATABASE_URL");
  const directory = await startSenderDirectory({
    databaseUrl,
    reloadMs: options.reloadMs ?? 3_000,
    staleAfterMs: options.staleAfterMs ?? 15_000,
    log,
  });
  // Counts go to the database directly, with a deadline under Postfix's own 5 s policy timeout.
  const counts = new pg.Pool({
    connectionString: databaseUrl,
    max: 4,
    connectionTimeoutMillis: 3_000,
    query_timeout: 3_000,
    application_name: "breakwater-policy",
  });
  counts.on("error", () => {}); // an idle connection that dies is replaced on next use; a failed count is logged below
  const isFailOpen = () => options.failOpen ?? directory.snapshot().failOpen ?? true;
  const view = () => ({ ...directory.snapshot(), isFresh: directory.isFresh(), isFailOpen: isFailOpen() });
  let lastCountError = "";

  async function countMessage(request: TPolicyRequest): Promise<void> {
    const { internalDomains, limits } = directory.snapshot();
    const sender = countedSender(request, internalDomains);
    const recipients = acceptedRecipients(request);
    if (!sender || !recipients) return;
    const totals = await countSentMessage(counts, sender, recipients);
    const breaches = crossedLimits({ ...totals, added: recipients }, limits);
    if (!breaches.length) return;
    const result = await detectLimitBreach({ sender, asOf: new Date() }, breaches);
    // Read back before answering, so that this message and the next are refused without waiting for the NOTIFY.
    if (result.restrictedUsers.length) {
      log(`${sender} restricted: ${breaches.map((breach) => breach.description).join("; ")}`);
      await directory.reload();
    }
  }

  async function answer(request: TPolicyRequest): Promise<string> {
    switch (request.get("protocol_state")) {
      case "MAIL":
      case "RCPT":
        return decideSender(request, view());
      case "END-OF-MESSAGE":
        try {
          await countMessage(request);
          lastCountError = "";
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          // Said once per run of the same failure, not for every message.
          if (message !== lastCountError) log(`cannot count a message from ${request.get("sender")}: ${message}`);
          lastCountError = message;
          if (!isFailOpen()) return POLICY_ANSWERS.unavailable;
        }
        return decideSender(request, view());
      default:
        return POLICY_ANSWERS.noOpinion;
    }
  }

  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    // A peer that resets the connection has nothing more to ask; its error is not the service's.
    socket.on("error", () => socket.destroy());
    // Answers are tiny: without this, Nagle's algorithm holds one back waiting for the peer's delayed ACK (~40 ms).
    socket.setNoDelay(true);
    socket.setTimeout(IDLE_TIMEOUT_MS, () => socket.destroy());
    const parser = createPolicyParser();
    let queue = Promise.resolve();
    let pending = 0;
    socket.on("data", (chunk: Buffer) => {
      for (const event of parser.push(chunk)) {
        if (++pending === MAX_PENDING) socket.pause();
        // In order: a pipelining client matches answers to requests by position.
        queue = queue.then(async () => {
          const action = event.type === "request" ? await answer(event.request) : tooLarge();
          if (!socket.destroyed) socket.write(formatPolicyAnswer(action));
          if (--pending === 0 && socket.isPaused()) socket.resume();
        });
      }
    });
  });

  function tooLarge(): string {
    log("refused to read a request past the size limits (not from Postfix?)");
    return isFailOpen() ? POLICY_ANSWERS.noOpinion : POLICY_ANSWERS.unavailable;
  }

  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(options.port, options.host, () => {
        server.off("error", reject);
        resolve();
      });
    });
  } catch (error) {
    await directory.stop();
    await counts.end();
    throw error;
  }
  server.on("error", (error) => log(`server error: ${error.message}`));
  const { port } = server.address() as net.AddressInfo;
  return {
    port,
    async stop() {
      const closed = new Promise((resolve) => server.close(resolve));
      // Postfix would otherwise keep talking to a server that is going away until its connection idles out.
      for (const socket of sockets) socket.destroy();
      await closed;
      await directory.stop();
      await counts.end();
    },
  };
}
