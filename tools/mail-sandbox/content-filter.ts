import net from "node:net";

// A pass-through after-queue content filter, as Postfix's FILTER_README ("advanced content filter") describes one and
// amavisd-new behaves: Postfix's smtp client hands it each message over SMTP (with XFORWARD when asked), it sends
// the message back into Postfix's re-injection smtpd, and answers Postfix with that smtpd's reply in amavis's words,
// "250 2.0.0 from MTA(smtp:[127.0.0.1]:PORT): 250 2.0.0 Ok: queued as <new queue id>". So one message gets two
// queue ids in the log, which is what the log follower must count once. It changes nothing in the message.

export type TContentFilterOptions = {
  /** Where Postfix's `scan` transport delivers to; 0 takes a free port. */
  port: number;
  /** Postfix's re-injection smtpd (content_filter= empty there). */
  reinjectPort: number;
  /** Advertise XFORWARD and pass what Postfix forwards on (orig_queue_id, orig_client in the re-injected log line). */
  isXforward: boolean;
  /** Wait this long between the re-injection and the answer to Postfix: lets the copy be delivered first. */
  replyDelayMs?: number;
};

export type TContentFilter = { port: number; stop(): Promise<void> };

type TSession = { xforward: string[]; from: string | null; to: string[] };

export async function startContentFilter(options: TContentFilterOptions): Promise<TContentFilter> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => socket.destroy());
    void serve(socket, options).catch(() => socket.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, "127.0.0.1", () => resolve());
  });
  return {
    port: (server.address() as net.AddressInfo).port,
    async stop() {
      const closed = new Promise((resolve) => server.close(resolve));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}

async function serve(socket: net.Socket, options: TContentFilterOptions): Promise<void> {
  const lines = lineReader(socket);
  const say = (reply: string) => socket.write(`${reply}\r\n`);
  let session: TSession = { xforward: [], from: null, to: [] };
  say("220 127.0.0.1 ESMTP Breakwater sandbox content filter");
  for (;;) {
    const line = await lines.next();
    if (line === null) return;
    const verb = line.slice(0, 4).toUpperCase();
    if (verb === "EHLO" || verb === "HELO") {
      session = { xforward: [], from: null, to: [] };
      say(
        options.isXforward
          ? "250-127.0.0.1\r\n250-XFORWARD NAME ADDR PROTO HELO IDENT SOURCE\r\n250 8BITMIME"
          : "250 127.0.0.1",
      );
    } else if (/^XFORWARD /i.test(line)) {
      session.xforward.push(line);
      say("250 2.0.0 Ok");
    } else if (/^MAIL FROM:/i.test(line)) {
      session.from = line.slice(10);
      say("250 2.1.0 Ok");
    } else if (/^RCPT TO:/i.test(line)) {
      session.to.push(line.slice(8));
      say("250 2.1.5 Ok");
    } else if (verb === "DATA") {
      say("354 End data with <CR><LF>.<CR><LF>");
      const body: string[] = [];
      for (let text = await lines.next(); text !== "."; text = await lines.next()) {
        if (text === null) return;
        body.push(text);
      }
      const reply = await reinject(options.reinjectPort, session, body).catch(
        (error: Error) => `451 4.5.0 re-injection failed: ${error.message}`,
      );
      if (options.replyDelayMs) await new Promise((resolve) => setTimeout(resolve, options.replyDelayMs));
      say(reply.startsWith("250") ? `250 2.0.0 from MTA(smtp:[127.0.0.1]:${options.reinjectPort}): ${reply}` : reply);
      session = { xforward: session.xforward, from: null, to: [] };
    } else if (verb === "RSET" || verb === "NOOP") {
      session = { ...session, from: null, to: [] };
      say("250 2.0.0 Ok");
    } else if (verb === "QUIT") {
      say("221 2.0.0 Bye");
      socket.end();
      return;
    } else say("502 5.5.2 Error: command not recognized");
  }
}

/** Sends one message into Postfix's re-injection smtpd; answers its final reply line. */
async function reinject(port: number, session: TSession, body: string[]): Promise<string> {
  const socket = net.connect({ host: "127.0.0.1", port });
  socket.on("error", () => {});
  const lines = lineReader(socket);
  const reply = async () => {
    for (;;) {
      const line = await lines.next();
      if (line === null) throw new Error("connection closed");
      if (line[3] !== "-") return line;
    }
  };
  const command = async (text: string, expected: string) => {
    socket.write(`${text}\r\n`, "latin1");
    const answer = await reply();
    if (!answer.startsWith(expected)) throw new Error(`${text.split(" ")[0]}: ${answer}`);
    return answer;
  };
  try {
    await reply();
    await command("EHLO 127.0.0.1", "250");
    for (const xforward of session.xforward) await command(xforward, "250");
    await command(`MAIL FROM:${session.from}`, "250");
    for (const to of session.to) await command(`RCPT TO:${to}`, "250");
    await command("DATA", "354");
    // The lines are still dot-stuffed as received: they go on as they are.
    return await command(`${body.join("\r\n")}${body.length ? "\r\n" : ""}.`, "250");
  } finally {
    socket.end("QUIT\r\n");
  }
}

/** CRLF lines from a socket, one at a time; null once it closes. */
function lineReader(socket: net.Socket): { next(): Promise<string | null> } {
  let buffered = "";
  let isClosed = false;
  let waiting: (() => void) | null = null;
  socket.setEncoding("latin1");
  socket.on("data", (chunk: string) => {
    buffered += chunk;
    waiting?.();
  });
  socket.on("close", () => {
    isClosed = true;
    waiting?.();
  });
  return {
    async next() {
      for (;;) {
        const end = buffered.indexOf("\r\n");
        if (end >= 0) {
          const line = buffered.slice(0, end);
          buffered = buffered.slice(end + 2);
          return line;
        }
        if (isClosed) return null;
        await new Promise<void>((resolve) => {
          waiting = () => {
            waiting = null;
            resolve();
          };
        });
      }
    },
  };
}
