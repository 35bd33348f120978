import { spawn, type ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bootstrap } from "@/server/bootstrap/bootstrap";
import { prisma } from "@/server/db";
import { stopQueue } from "@/server/engine/queue";
import { simulateCompromisedUser } from "@/server/simulator/simulate-compromised-user";
import { simulateOrg } from "@/server/simulator/simulate-org";

let investigationId: number;
const workers: ChildProcess[] = [];

// A real worker process (as `npm run worker` starts it), slowed down so it can be killed half-way through a run.
function startWorker(): ChildProcess {
  const worker = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/worker.ts"], {
    env: {
      ...process.env,
      BREAKWATER_STEP_DELAY_MS: "400",
      BREAKWATER_RUN_TIMEOUT_SECONDS: "8",
      BREAKWATER_QUEUE_MAINTENANCE_SECONDS: "1",
      BREAKWATER_WORKER_CONCURRENCY: "1",
    },
    stdio: "ignore",
  });
  workers.push(worker);
  return worker;
}

async function waitFor<T>(
  what: string,
  probe: () => Promise<T | null | undefined | false>,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

beforeAll(async () => {
  // The run's job is queued from this process: it must carry the short timeout too.
  process.env.BREAKWATER_RUN_TIMEOUT_SECONDS = "8";
  await bootstrap({ adminEmail: "admin@test.test", adminPassword: "a-long-admin-password" });
  const now = new Date(Date.now() - 60_000);
  await simulateOrg({
    seed: 21,
    mailboxes: 20,
    days: 8,
    now: new Date(Math.floor(now.getTime() / 86_400_000) * 86_400_000),
  });
  [investigationId] = (await simulateCompromisedUser({ seed: 2, now })).detections.investigationIds;
}, 120_000);

afterAll(async () => {
  for (const worker of workers) worker.kill("SIGKILL");
  await stopQueue();
});

describe("a worker killed in the middle of a run", () => {
  it("leaves the run to another worker, which finishes it once, with no duplicate actions", async () => {
    const first = startWorker();
    await waitFor(
      "three completed steps",
      async () => (await prisma.investigationStep.count({ where: { investigationId, status: "Completed" } })) >= 3,
    );
    first.kill("SIGKILL");
    const interrupted = await prisma.investigation.findUniqueOrThrow({
      where: { id: investigationId },
      include: { steps: true },
    });
    expect(interrupted.status).toBe("Running");
    expect(interrupted.steps.some((step) => step.status !== "Completed")).toBe(true);

    startWorker();
    const finished = await waitFor("the run to end", () =>
      prisma.investigation.findFirst({
        where: { id: investigationId, status: { notIn: ["Starting", "Running", "QueuedByThrottling"] } },
        include: { steps: true, actions: true, log: true },
      }),
    );
    expect(finished.status).toBe("PendingAction");
    expect(finished.steps.every((step) => step.status === "Completed")).toBe(true);
    expect(finished.steps.some((step) => step.attempts === 2)).toBe(true);
    const keys = finished.actions.map((action) => `${action.type}:${action.entity}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(finished.actions.map((action) => action.type).sort()).toEqual([
      "disableAccount",
      "releaseUser",
      "removeForwardingRule",
      "removeMfaMethod",
      "resetPassword",
      "revokeSessions",
      "softDelete",
    ]);
    expect(await prisma.emailCluster.count({ where: { investigationId } })).toBe(1);
    expect(finished.log.some((entry) => entry.message === "Run resumed after an interruption")).toBe(true);
  }, 120_000);
});
