import "server-only";
import { readEnv } from "@/server/env";
import { getMailSystemSettings } from "@/server/mail-system/mail-system-settings.service";
import { startPolicyServer, type TPolicyServer } from "./policy-server";

const log = (message: string) => console.log(`[policy] ${message}`);

/**
 * Starts the sender policy service where Settings › Mail system (or BREAKWATER_POLICY_HOST/_PORT) puts it. A fail
 * mode set by BREAKWATER_POLICY_FAIL_OPEN is fixed; otherwise the service follows the setting as it changes.
 * Answers null, having said why, when the address cannot be bound (another Breakwater process already serves it):
 * the worker beside it goes on working.
 */
export async function startPolicyService(): Promise<TPolicyServer | null> {
  const env = readEnv();
  // With the database down the service still starts, on the environment's address or the default, and answers
  // per its fail mode until the database is back.
  const settings = await getMailSystemSettings().catch(() => null);
  const host = settings?.policyHost ?? env.BREAKWATER_POLICY_HOST ?? "127.0.0.1";
  const port = settings?.policyPort ?? env.BREAKWATER_POLICY_PORT ?? 10040;
  try {
    const server = await startPolicyServer({ host, port, failOpen: env.BREAKWATER_POLICY_FAIL_OPEN, log });
    log(`sender policy service on ${host}:${server.port} (Postfix: check_policy_service inet:${host}:${server.port})`);
    return server;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === "EADDRINUSE"
        ? "the address is already in use (is another Breakwater worker or `npm run policy` serving it?)"
        : (error as Error).message;
    console.warn(
      `[policy] WARNING: the sender policy service did not start on ${host}:${port}: ${why}. A worker started with BREAKWATER_POLICY=off leaves it to the other.`,
    );
    return null;
  }
}
