import { spawn, type ChildProcess } from "node:child_process";
import { bootstrap } from "@/server/bootstrap/bootstrap";
import { prisma } from "@/server/db";
import { stopQueue } from "@/server/engine/queue";
import { startInvestigation } from "@/server/investigations/start-investigation";
import { simulateOrg } from "@/server/simulator/simulate-org";
import type { BenchContext } from "./bench.types";

const ALERTS = Number(process.env.BENCH_ALERTS ?? 1000);
// Runs each worker process takes at once. One, so that the worker process is the unit being scaled: on a 2-core
// machine that also runs PostgreSQL, two runs per process already fill the CPU and a second process cannot add much
// (measured: 1.27× at 2 per process against 1.85× at 1; BENCH_WORKER_CONCURRENCY changes it).
const WORKER_CONCURRENCY = Number(process.env.BENCH_WORKER_CONCURRENCY ?? 1);
const FINISHED = [
  "NoThreatsFound",
  "PendingAction",
  "PartiallyInvestigated",
  "Remediated",
  "PartiallyRemediated",
  "Failed",
  "TerminatedBySystem",
] as const;

/**
 * A burst of alerts, each starting a compromised-user run, timed from queueing to the last run's end: once with one
 * worker process and once with two (`npm run worker`), on the same data, to show that workers scale out.
 */
export async function benchInvestigationBurst({ databaseUrl, log }: BenchContext) {
  await bootstrap({ adminEmail: "bench@example.test", adminPassword: "bench-password-long" });
  const now = new Date(Math.floor(Date.now() / 86_400_000) * 86_400_000);
  await simulateOrg({ seed: 5, mailboxes: 100, days: 8, now });
  const users = (await prisma.mailbox.findMany({ select: { address: true } })).map((mailbox) => mailbox.address);

  const oneWorker = await timeBurst(databaseUrl, users, 1, log);
  const twoWorkers = await timeBurst(databaseUrl, users, 2, log);
  await stopQueue();
  return {
    alerts: ALERTS,
    runsPerWorkerProcess: WORKER_CONCURRENCY,
    oneWorkerSeconds: round(oneWorker),
    twoWorkersSeconds: round(twoWorkers),
    speedup: round(oneWorker / twoWorkers),
    target: 1.6,
  };
}

async function timeBurst(
  databaseUrl: string,
  users: string[],
  workerCount: number,
  log: (message: string) => void,
): Promise<number> {
  const ids: number[] = [];
  for (let index = 0; index < ALERTS; index++) {
    ids.push(
      await prisma.$transaction(async (tx) => {
        const user = users[index % users.length];
        const alert = await tx.alert.create({
          data: {
            policyId: "suspicious-email-sending-patterns",
            title: `Bench ${index}`,
            severity: "Medium",
            category: "Threat management",
            userAddress: user,
            detectionSource: "bench",
          },
        });
        const run = await startInvestigation(
          {
            playbook: "CompromisedUser",
            name: `Bench ${index}`,
            users: [user],
            detectionSource: "bench",
            input: {},
            alertIds: [alert.id],
          },
          tx,
        );
        return run.id;
      }),
    );
  }
  const workers = Array.from({ length: workerCount }, () => startWorkerProcess(databaseUrl));
  const started = performance.now();
  for (;;) {
    const open = await prisma.investigation.count({ where: { id: { in: ids }, status: { notIn: [...FINISHED] } } });
    if (open === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const seconds = (performance.now() - started) / 1000;
  await Promise.all(workers.map(stopProcess));
  const failed = await prisma.investigation.count({ where: { id: { in: ids }, status: "Failed" } });
  log(
    `investigationBurst: ${ALERTS} runs with ${workerCount} worker process(es) in ${seconds.toFixed(1)} s (${failed} failed)`,
  );
  return seconds;
}

function startWorkerProcess(databaseUrl: string): ChildProcess {
  return spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/worker.ts"], {
    env: { ...process.env, DATABASE_URL: databaseUrl, BREAKWATER_WORKER_CONCURRENCY: String(WORKER_CONCURRENCY) },
    stdio: "ignore",
  });
}

function stopProcess(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

const round = (value: number) => Math.round(value * 100) / 100;
