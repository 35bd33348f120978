import "server-only";
import net from "node:net";

export type TPolicyClient = {
  /** Sends one request and answers its action (`DUNNO`, `550 5.1.8 …`); requests may overlap, answers come in order. */
  ask(attributes: Record<string, string>): Promise<string>;
  close(): void;
};

/**
 * Talks to a policy service as Postfix's smtpd does, on one long-lived connection: for a mail system's Test connection,
 * the tests and the benchmark.
 */
export async function connectPolicyClient(
  address: { host: string; port: number },
  timeoutMs = 5_000,
): Promise<TPolicyClient> {
  const socket = net.connect({ host: address.host, port: address.port, noDelay: true });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => (
        socket.destroy(), reject(new Error(`no connection to ${address.host}:${address.port} within ${timeoutMs} ms`))
      ),
      timeoutMs,
    );
    socket.once("connect", () => (clearTimeout(timer), resolve()));
    socket.once("error", (error) => (clearTimeout(timer), reject(error)));
  });
  const waiting: { resolve: (action: string) => void; reject: (error: Error) => void }[] = [];
  let received = "";
  const failAll = (error: Error) => waiting.splice(0).forEach((entry) => entry.reject(error));
  socket.setEncoding("utf8");
  socket.on("data", (text: string) => {
    received += text;
    for (let end = received.indexOf("\n\n"); end !== -1; end = received.indexOf("\n\n")) {
      const block = received.slice(0, end);
      received = received.slice(end + 2);
      const action = /^action=(.*)$/m.exec(block)?.[1];
      const entry = waiting.shift();
      if (action === undefined) entry?.reject(new Error(`not a policy answer: ${JSON.stringify(block)}`));
      else entry?.resolve(action);
    }
  });
  socket.on("error", failAll);
  socket.on("close", () => failAll(new Error("the policy service closed the connection")));
  return {
    ask(attributes) {
      return new Promise((resolve, reject) => {
        if (socket.destroyed) return reject(new Error("the policy connection is closed"));
        waiting.push({ resolve, reject });
        socket.write(
          `${Object.entries(attributes)
            .map(([name, value]) => `${name}=${value}`)
            .join("\n")}\n\n`,
        );
      });
    },
    close: () => socket.destroy(),
  };
}
