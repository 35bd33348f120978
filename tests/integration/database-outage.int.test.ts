// PostgreSQL stops with a run in flight and comes back on the same port and data folder: the worker process lives
// through it, the run completes once, and the API answers 503 (with Retry-After) meanwhile, never 500.
import { spawn, type ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";
import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as listInvestigations } from "@/app/api/v1/investigations/route";
import { GET as health } from "@/app/api/health/route";
import { bootstrap } from "@/server/bootstrap/bootstrap";
import { disconnectPrisma, prisma } from "@/server/db";
import { ensureDatabase } from "@/server/db/databases";
import { startEmbeddedPostgres, type EmbeddedServer } from "@/server/db/embedded-postgres";
import { applyMigrations } from "@/server/db/schema-engine";
import { stopQueue } from "@/server/engine/queue";
import { connectPolicyClient } from "@/server/mail-system/policy/policy-client";
import { simulateCompromisedUser } from "@/server/simulator/simulate-compromised-user";
import { simulateOrg } from "@/server/simulator/simulate-org";
import { apiRequest, makeToken, routeContext } from "../factories/users";

const dataDir = `.data/outage-test-pg-${process.pid}`;
let server: EmbeddedServer;
let worker: ChildProcess;
let workerOutput = "";
let token: string;
let firstRun: number;
let policyPort: number;
const now = new Date(Date.now() - 60_000);

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

async function waitFor<T>(
  what: string,
  probe: () => Promise<T | null | undefined | false>,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => null);
    if (value) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}; worker said:\n${workerOutput.slice(-3000)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const runEnded = (id: number) =>
  waitFor("the run to end", () =>
    prisma.investigation.findFirst({
      where: { id, status: { notIn: ["Starting", "Running", "QueuedByThrottling"] } },
      include: { steps: true, actions: true },
    }),
  );

beforeAll(async () => {
  // This file's own server, which it may stop and start: the shared one serves the other files.
  server = await startEmbeddedPostgres({ dataDir, isEphemeral: true, log: () => {} });
  const databaseUrl = server.urlFor("breakwater_outage");
  await ensureDatabase(databaseUrl);
  await applyMigrations(databaseUrl);
  await disconnectPrisma();
  process.env.DATABASE_URL = databaseUrl;
  await bootstrap({ adminEmail: "admin@test.test", adminPassword: "a-long-admin-password" });
  token = await makeToken("reader");
  await simulateOrg({
    seed: 31,
    mailboxes: 20,
    days: 8,
    now: new Date(Math.floor(now.getTime() / 86_400_000) * 86_400_000),
  });
  [firstRun] = (await simulateCompromisedUser({ seed: 3, now })).detections.investigationIds;
  // A real worker process (as `npm run worker` starts it, with the policy service), slowed so the outage hits mid-run.
  policyPort = await freePort();
  worker = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/worker.ts"], {
    env: {
      ...process.env,
      BREAKWATER_STEP_DELAY_MS: "400",
      BREAKWATER_WORKER_CONCURRENCY: "1",
      BREAKWATER_POLICY: "on",
      BREAKWATER_POLICY_PORT: String(policyPort),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  worker.stdout!.on("data", (chunk) => (workerOutput += chunk));
  worker.stderr!.on("data", (chunk) => (workerOutput += chunk));
}, 180_000);

afterAll(async () => {
  worker?.kill("SIGKILL");
  await stopQueue();
  await disconnectPrisma();
  await server?.stop();
  rmSync(server?.dataDir ?? dataDir, { recursive: true, force: true });
});

describe("a PostgreSQL outage with a run in flight", () => {
  it("is survived by the worker, answered with 503 by the API, and the run completes once", async () => {
    await waitFor(
      "two completed steps",
      async () =>
        (await prisma.investigationStep.count({ where: { investigationId: firstRun, status: "Completed" } })) >= 2,
    );
    await server.stop();

    const during = await listInvestigations(apiRequest("/api/v1/investigations", { token }), routeContext());
    expect(during.status).toBe(503);
    expect(during.headers.get("retry-after")).toBe("5");
    expect((await during.json()).error.code).toBe("SERVICE_UNAVAILABLE");
    const healthDuring = await health(apiRequest("/api/health"), routeContext());
    expect(healthDuring.status).toBe(503);
    expect(healthDuring.headers.get("retry-after")).toBe("5");

    // Long enough for the worker's step, its webhook pass and its queue writes to fail a few times.
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    expect(worker.exitCode, workerOutput).toBeNull();
    // The policy service in it still answers Postfix, from its in-memory lists and then per its fail mode (open).
    const policy = await connectPolicyClient({ host: "127.0.0.1", port: policyPort });
    try {
      expect(
        await policy.ask({
          request: "smtpd_access_policy",
          protocol_state: "RCPT",
          sender: "someone@external.test",
          recipient: "x@fabrikam.test",
        }),
      ).toBe("DUNNO");
    } finally {
      policy.close();
    }

    server = await startEmbeddedPostgres({ dataDir, port: server.port, isEphemeral: true, log: () => {} });
    const finished = await runEnded(firstRun);
    expect(finished.status).toBe("PendingAction");
    expect(finished.steps.every((step) => step.status === "Completed")).toBe(true);
    const keys = finished.actions.map((action) => `${action.type}:${action.entity}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(await prisma.emailCluster.count({ where: { investigationId: firstRun } })).toBe(1);
    // Each step's findings were written once (a step's log line commits with its Completed status).
    const stepLines = await prisma.investigationLog.groupBy({
      by: ["stepKey"],
      where: { investigationId: firstRun, stepKey: { not: null }, level: { not: "error" } },
      _count: true,
    });
    expect(stepLines.every((line) => line._count === 1)).toBe(true);
    // The outage cost the run none of its retries: no step was marked failed.
    expect(await prisma.investigationLog.count({ where: { investigationId: firstRun, level: "error" } })).toBe(0);
    const [job] = await prisma.$queryRaw<{ state: string; retry_count: number }[]>`
      select state::text, retry_count from pgboss.job where data->>'investigationId' = ${String(firstRun)}`;
    expect(job).toEqual({ state: "completed", retry_count: 0 });

    // The same worker process takes the next run: its loop is alive, not only its process.
    expect(worker.exitCode, workerOutput).toBeNull();
    const [secondRun] = (await simulateCompromisedUser({ seed: 4, now, user: undefined })).detections.investigationIds;
    expect((await runEnded(secondRun)).status).toBe("PendingAction");
    expect((await listInvestigations(apiRequest("/api/v1/investigations", { token }), routeContext())).status).toBe(
      200,
    );
    expect(workerOutput).toContain("database reachable again");
  }, 180_000);
});
