import { createServer, request } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, it } from "vitest";
import { PEER_HEADER, stampSocketPeer } from "@/server/http/socket-peer";

it("stamps each request with its socket's address, over any value the client sent", async () => {
  stampSocketPeer();
  const server = createServer((incoming, response) => response.end(String(incoming.headers[PEER_HEADER])));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    const seen = await new Promise<string>((resolve, reject) => {
      const sent = request(
        {
          host: "127.0.0.1",
          port: (server.address() as AddressInfo).port,
          headers: { [PEER_HEADER]: "203.0.113.5", "x-forwarded-for": "203.0.113.6" },
        },
        (response) => {
          let text = "";
          response.on("data", (chunk) => (text += chunk)).on("end", () => resolve(text));
        },
      );
      sent.on("error", reject).end();
    });
    expect(seen).toBe("127.0.0.1");
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
});
