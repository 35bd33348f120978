import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bootstrap } from "@/server/bootstrap/bootstrap";
import { prisma } from "@/server/db";
import { stopQueue } from "@/server/engine/queue";
import { simulateCompromisedUser } from "@/server/simulator/simulate-compromised-user";
import { simulateOrg } from "@/server/simulator/simulate-org";

// `npm run worker` started while PostgreSQL cannot be reached (a restart, a host booting in the wrong order) used to
// exit on its first query. It must wait, say so, and take the runs once the database answers.

/** A TCP door in front of PostgreSQL: it drops every connection until opened, then passes them through. */
async function databaseDoor(target: URL) {
  let isOpen = false;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    sockets.add(client);
    client.on("close", () => sockets.delete(client));
    if (!isOpen) return void client.destroy();
    const upstream = net.connect(Number(target.port || 5432), target.hostname);
    sockets.add(upstream);
    upstream.on("close", () => sockets.delete(upstream));
    client.pipe(upstream).pipe(client);
    client.on("error", () => upstream.destroy());
    upstream.on("error", () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = new URL(target);
  url.hostname = "127.0.0.1";
  url.port = String((server.address() as net.AddressInfo).port);
  return {
    url: url.toString(),
    open: () => void (isOpen = true),
    close: () =>
      new Promise<void>((resolve) => {
        sockets.forEach((socket) => socket.destroy());
        server.close(() => resolve());
      }),
  };
}

let investigationId: number;
let worker: ChildProcess | undefined;
let door: Awaited<ReturnType<typeof databaseDoor>>;

beforeAll(async () => {
  await bootstrap({ adminEmail: "admin@test.test", adminPassword: "a-long-admin-password" });
  const now = new Date(Date.now() - 60_000);
  await simulateOrg({
    seed: 31,
    mailboxes: 10,
    days: 8,
    now: new Date(Math.floor(now.getTime() / 86_400_000) * 86_400_000),
  });
  [investigationId] = (await simulateCompromisedUser({ seed: 4, now })).detections.investigationIds;
  door = await databaseDoor(new URL(process.env.DATABASE_URL!));
}, 120_000);

afterAll(async () => {
  worker?.kill("SIGKILL");
  await door?.close();
  await stopQueue();
});

describe("a worker started while the database is unreachable", () => {
  it("waits, says why, and takes the queued run once PostgreSQL answers", async () => {
    let said = "";
    worker = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/worker.ts"], {
      env: { ...process.env, DATABASE_URL: door.url, BREAKWATER_POLICY: "off", BREAKWATER_WORKER_CONCURRENCY: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    worker.stdout!.on("data", (chunk: Buffer) => (said += chunk.toString()));
    worker.stderr!.on("data", (chunk: Buffer) => (said += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => worker!.on("exit", resolve));

    const deadline = Date.now() + 60_000;
    while (!said.includes("database unavailable") && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 200));
    expect(said).toContain("database unavailable");
    // Still there a few seconds later, and the run untouched.
    expect(await Promise.race([exited, new Promise((resolve) => setTimeout(() => resolve("running"), 3_000))])).toBe(
      "running",
    );
    expect((await prisma.investigation.findUniqueOrThrow({ where: { id: investigationId } })).status).toBe("Starting");

    door.open();
    let status = "Starting";
    while (["Starting", "Running", "QueuedByThrottling"].includes(status) && Date.now() < deadline + 60_000) {
      await new Promise((resolve) => setTimeout(resolve, 300));
      status = (await prisma.investigation.findUniqueOrThrow({ where: { id: investigationId } })).status;
    }
    expect(status, said).toBe("PendingAction");
    expect(said).toContain("taking playbook runs");
  }, 150_000);
});
