// No "server-only": src/instrumentation.ts loads this outside the React server layer.
import type { IncomingMessage } from "node:http";
import http from "node:http";

/**
 * The address of the TCP peer of a request, which route handlers cannot otherwise see: Next keeps a client-sent
 * X-Forwarded-For as it is and adds the socket's address only when there is none. Set on every request from the
 * socket itself, over any value a client sent, so it can be believed.
 */
export const PEER_HEADER = "x-breakwater-peer";

let isInstalled = false;

/** Makes every HTTP server of this process stamp PEER_HEADER on its requests before anything else handles them. */
export function stampSocketPeer(): void {
  if (isInstalled) return;
  isInstalled = true;
  const emit = http.Server.prototype.emit as (this: http.Server, event: string | symbol, ...args: unknown[]) => boolean;
  http.Server.prototype.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") {
      const request = args[0] as IncomingMessage;
      request.headers[PEER_HEADER] = request.socket?.remoteAddress ?? "";
    }
    return emit.call(this, event, ...args);
  } as typeof http.Server.prototype.emit;
}
