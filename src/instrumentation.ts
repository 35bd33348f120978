import { readEnv } from "@/server/env";

// Next runs register() once per server process, before it serves requests.
export async function register() {
  if (readEnv().NEXT_RUNTIME !== "nodejs") return;
  const { stampSocketPeer } = await import("@/server/http/socket-peer");
  stampSocketPeer();
  // An embedded ClickHouse (chDB) opens in one process only: the console's, which queries it, also fills it.
  const { startHuntingReplication } = await import("@/server/hunting/store/hunting-store");
  startHuntingReplication("console", (message) => console.log(`[hunting] ${message}`)).catch((error: unknown) =>
    console.error(`[hunting] ClickHouse replication did not start: ${String(error)}`),
  );
}
