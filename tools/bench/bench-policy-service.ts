import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { SYSTEM } from "@/server/auth/principal";
import { ensureBuiltIns } from "@/server/bootstrap/bootstrap";
import { prisma } from "@/server/db";
import { connectPolicyClient, type TPolicyClient } from "@/server/mail-system/policy/policy-client";
import { POLICY_ANSWERS } from "@/server/mail-system/policy/policy-decision";
import { releaseRestrictedUser } from "@/server/restrictions/release-restricted-user";
import { restrictUser } from "@/server/restrictions/restrict-user";
import { median, ms, percentile } from "./bench-stats";
import type { BenchContext } from "./bench.types";

// Target: p99 ≤ 5 ms at a steady 1,000 requests a second, the load of a busy Postfix.
const TARGET_P99_MS = 5;
const STEADY_RATE = 1_000;
const STEADY_SECONDS = 10;
const MAX_SECONDS = 3;
// Each smtpd process holds one policy connection and asks one question at a time.
const CONNECTIONS = 16;
const MAILBOXES = 2_000;
const RESTRICTED = 200;
const BLOCKED = 1_000;
// A message to ~3 recipients: three RCPT questions and one END-OF-MESSAGE (which writes its count).
const RCPT_PER_MESSAGE = 3;
const DOMAIN = "bench-policy.test";

type TKind = "rcpt" | "endOfMessage";

/**
 * `npm run policy` in its own process, as Postfix meets it, on a tenant with 2,000 mailboxes, 200 restricted users and
 * 1,000 blocked senders. Measured from another process's point of view (this one): the most RCPT questions a second
 * over 16 connections, the latency at a steady 1,000 a second of mixed RCPT and END-OF-MESSAGE questions, and how
 * long a release takes to reach a connection that stays open.
 */
export async function benchPolicyService({ databaseUrl, rounds, log }: BenchContext) {
  await seed();
  const service = await startService(databaseUrl, log);
  const clients = await Promise.all(
    Array.from({ length: CONNECTIONS }, () => connectPolicyClient({ host: "127.0.0.1", port: service.port })),
  );
  try {
    await closedLoop(clients, 1);
    const maxRequestsPerSecond = await closedLoop(clients, MAX_SECONDS);
    log(`policyService: ${maxRequestsPerSecond} RCPT questions a second at most over ${CONNECTIONS} connections`);
    const steady = await steadyLoad(clients);
    log(
      `policyService: at ${steady.achievedRate}/s: p50 ${steady.p50Ms} ms, p99 ${steady.p99Ms} ms (RCPT p99 ${steady.rcptP99Ms}, END-OF-MESSAGE p99 ${steady.endOfMessageP99Ms})`,
    );
    const releases: number[] = [];
    for (let round = 0; round < Math.max(rounds, 5); round++)
      releases.push(await releaseToAccept(clients[0], `release-${round}@${DOMAIN}`));
    return {
      mailboxes: MAILBOXES,
      restrictedUsers: RESTRICTED,
      blockedSenders: BLOCKED,
      connections: CONNECTIONS,
      maxRcptRequestsPerSecond: maxRequestsPerSecond,
      steadyRequestsPerSecond: steady.achievedRate,
      steadyRequests: steady.requests,
      steadyLateQuestions: steady.late,
      endOfMessageShare: `1 in ${RCPT_PER_MESSAGE + 1}`,
      p50Ms: steady.p50Ms,
      p99Ms: steady.p99Ms,
      maxMs: steady.maxMs,
      rcptP99Ms: steady.rcptP99Ms,
      endOfMessageP99Ms: steady.endOfMessageP99Ms,
      targetP99Ms: TARGET_P99_MS,
      releaseToAcceptMedianMs: ms(median(releases)),
      releaseToAcceptMaxMs: ms(Math.max(...releases)),
    };
  } finally {
    for (const client of clients) client.close();
    await service.stop();
  }
}

async function seed(): Promise<void> {
  await ensureBuiltIns();
  await prisma.mailbox.createMany({
    data: Array.from({ length: MAILBOXES }, (_, n) => ({
      address: `user${n}@${DOMAIN}`,
      displayName: `User ${n}`,
      department: "Sales",
      country: "US",
    })),
  });
  await prisma.restrictedUser.createMany({
    data: Array.from({ length: RESTRICTED }, (_, n) => ({ address: `user${n * 10}@${DOMAIN}`, reason: "bench" })),
  });
  await prisma.threatIndicator.createMany({
    data: Array.from({ length: BLOCKED }, (_, n) => ({
      kind: "sender",
      value: `spammer${n}@evil.test`,
      threatType: "Spam",
      source: "bench",
    })),
  });
}

/** Every tenth mailbox is restricted, so about one question in ten is refused; END-OF-MESSAGE only from the others. */
function question(kind: TKind, n: number): Record<string, string> {
  const base = {
    request: "smtpd_access_policy",
    protocol_name: "ESMTP",
    client_address: "127.0.0.1",
    helo_name: "client.bench.test",
    recipient: `someone${n % 97}@fabrikam.test`,
  };
  if (kind === "rcpt")
    return {
      ...base,
      protocol_state: "RCPT",
      sender: n % 3 === 0 ? `spammer${n % BLOCKED}@evil.test` : `user${n % MAILBOXES}@${DOMAIN}`,
      recipient_count: "0",
    };
  const sender = `user${(n % MAILBOXES) | 1}@${DOMAIN}`;
  return {
    ...base,
    protocol_state: "END-OF-MESSAGE",
    sender,
    sasl_username: sender,
    recipient_count: String(1 + (n % 5)),
  };
}

/** Each connection asks its next question as soon as the last is answered; answers the questions a second. */
async function closedLoop(clients: TPolicyClient[], seconds: number): Promise<number> {
  const deadline = performance.now() + seconds * 1_000;
  let answered = 0;
  await Promise.all(
    clients.map(async (client, c) => {
      for (let n = c; performance.now() < deadline; n += clients.length) {
        await client.ask(question("rcpt", n));
        answered++;
      }
    }),
  );
  return Math.round(answered / seconds);
}

/**
 * 1,000 questions a second on a 1 ms clock, each on a connection with no question outstanding (as smtpd processes
 * do); latency is from the question being written to its answer. `late` counts questions written more than 2 ms
 * after their time: the schedule was kept if it stays near zero.
 */
async function steadyLoad(clients: TPolicyClient[]) {
  const idle = [...clients];
  const times: Record<TKind, number[]> = { rcpt: [], endOfMessage: [] };
  const total = STEADY_RATE * STEADY_SECONDS;
  const started = performance.now();
  const inFlight: Promise<void>[] = [];
  let sent = 0;
  let late = 0;
  while (sent < total) {
    const due = Math.min(total, Math.floor(((performance.now() - started) * STEADY_RATE) / 1_000));
    while (sent < due && idle.length) {
      const client = idle.pop()!;
      const n = sent++;
      const kind: TKind = n % (RCPT_PER_MESSAGE + 1) === RCPT_PER_MESSAGE ? "endOfMessage" : "rcpt";
      if (performance.now() - started - (n * 1_000) / STEADY_RATE > 2) late++;
      const asked = performance.now();
      inFlight.push(
        client.ask(question(kind, n)).then((answer) => {
          times[kind].push(performance.now() - asked);
          if (kind === "endOfMessage" && answer !== POLICY_ANSWERS.noOpinion)
            throw new Error(`END-OF-MESSAGE answered ${answer}`);
          idle.push(client);
        }),
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  await Promise.all(inFlight);
  const elapsed = (performance.now() - started) / 1_000;
  const all = [...times.rcpt, ...times.endOfMessage];
  return {
    requests: all.length,
    late,
    achievedRate: Math.round(all.length / elapsed),
    p50Ms: ms(percentile(all, 50)),
    p99Ms: ms(percentile(all, 99)),
    maxMs: ms(Math.max(...all)),
    rcptP99Ms: ms(percentile(times.rcpt, 99)),
    endOfMessageP99Ms: ms(percentile(times.endOfMessage, 99)),
  };
}

/** From releaseRestrictedUser returning to the first DUNNO on a connection that was open all along. */
async function releaseToAccept(client: TPolicyClient, address: string): Promise<number> {
  const { id } = await prisma.$transaction((tx) => restrictUser(address, "bench", tx));
  const ask = () => client.ask({ ...question("rcpt", 1), sender: address });
  while ((await ask()) !== POLICY_ANSWERS.restricted) await new Promise((resolve) => setTimeout(resolve, 1));
  await releaseRestrictedUser(id, "bench", SYSTEM);
  const released = performance.now();
  while ((await ask()) !== POLICY_ANSWERS.noOpinion) {
    if (performance.now() - released > 5_000) throw new Error(`${address} still refused 5 s after its release`);
  }
  return performance.now() - released;
}

/** `npm run policy` on a free port of this machine, against the benchmark's database. */
async function startService(
  databaseUrl: string,
  log: (message: string) => void,
): Promise<{ port: number; stop(): Promise<void> }> {
  const port = await freePort();
  const child: ChildProcess = spawn(
    path.resolve("node_modules/.bin/tsx"),
    ["--conditions=react-server", "scripts/policy.ts"],
    {
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        BREAKWATER_POLICY_HOST: "127.0.0.1",
        BREAKWATER_POLICY_PORT: String(port),
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const exited = new Promise<number>((resolve) => child.once("exit", (code) => resolve(code ?? 1)));
  await new Promise<void>((resolve, reject) => {
    let output = "";
    const onOutput = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("sender policy service on")) resolve();
    };
    child.stdout!.on("data", onOutput);
    child.stderr!.on("data", onOutput);
    void exited.then((code) => reject(new Error(`npm run policy exited ${code} before listening:\n${output}`)));
  });
  log(`policyService: npm run policy listening on 127.0.0.1:${port} (pid ${child.pid})`);
  return {
    port,
    async stop() {
      child.kill("SIGTERM");
      await exited;
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
