import { readEnv } from "@/server/env";

// Next runs register() once per server process, before it serves requests.
export async function register() {
  if (readEnv().NEXT_RUNTIME !== "nodejs") return;
  const { stampSocketPeer } = await import("@/server/http/socket-peer");
  stampSocketPeer();
}
