import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SYSTEM } from "@/server/auth/principal";
import { prisma } from "@/server/db";
import { connectPolicyClient, type TPolicyClient } from "@/server/mail-system/policy/policy-client";
import { POLICY_ANSWERS } from "@/server/mail-system/policy/policy-decision";
import { startPolicyServer, type TPolicyServer } from "@/server/mail-system/policy/policy-server";
import { releaseRestrictedUser } from "@/server/restrictions/release-restricted-user";
import { restrictUser } from "@/server/restrictions/restrict-user";
import { ensurePolicy, uniqueTag } from "../factories/console";

const HOURLY_LIMIT = 10;
const quiet = () => {};
let server: TPolicyServer;
let domain: string;

beforeAll(async () => {
  domain = `org-${uniqueTag()}.test`;
  await prisma.mailbox.createMany({
    data: ["alice", "bob", "carol", "dave"].map((name) => ({
      address: `${name}@${domain}`,
      displayName: name,
      department: "Sales",
      country: "US",
    })),
  });
  await ensurePolicy("user-restricted-from-sending");
  await ensurePolicy("email-sending-limit-exceeded");
  await prisma.alertPolicy.update({
    where: { id: "email-sending-limit-exceeded" },
    data: { settings: { recipientsPerDay: 10_000, messagesPerMinute: 30, recipientsPerHour: HOURLY_LIMIT } },
  });
  // The default reload interval (3 s): a release seen sooner than that came by NOTIFY.
  server = await startPolicyServer({ host: "127.0.0.1", port: 0, log: quiet });
});

afterAll(async () => {
  await server?.stop();
});

const connect = (target: { port: number } = server) => connectPolicyClient({ host: "127.0.0.1", port: target.port });
const rcpt = (sender: string, extra: Record<string, string> = {}) => ({
  request: "smtpd_access_policy",
  protocol_state: "RCPT",
  sender,
  recipient: "someone@fabrikam.test",
  ...extra,
});
const endOfMessage = (sender: string, recipients: number, extra: Record<string, string> = {}) => ({
  request: "smtpd_access_policy",
  protocol_state: "END-OF-MESSAGE",
  sender,
  recipient_count: String(recipients),
  ...extra,
});
const restrict = (address: string) => prisma.$transaction((tx) => restrictUser(address, "test", tx));

/** Asks on the same connection until the answer is `expected`; answers how long that took. */
async function untilAnswer(
  client: TPolicyClient,
  attributes: Record<string, string>,
  expected: string,
  withinMs: number,
): Promise<number> {
  const started = performance.now();
  for (;;) {
    const answer = await client.ask(attributes);
    const elapsed = performance.now() - started;
    if (answer === expected) return elapsed;
    if (elapsed > withinMs)
      throw new Error(`still "${answer}" after ${Math.round(elapsed)} ms, expected "${expected}"`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe("sender policy service", () => {
  it("refuses a restricted sender with 550 5.1.8; after a release the same open connection is answered DUNNO within 1 s", async () => {
    const client = await connect();
    const sender = `alice@${domain}`;
    expect(await client.ask(rcpt(sender))).toBe("DUNNO");
    const { id } = await restrict(sender);
    await untilAnswer(client, rcpt(sender), POLICY_ANSWERS.restricted, 1_000);
    expect(await client.ask(rcpt(sender.toUpperCase()))).toBe("550 5.1.8 Access denied, bad outbound sender");

    await releaseRestrictedUser(id, "password reset", SYSTEM);
    expect(await untilAnswer(client, rcpt(sender), "DUNNO", 1_000)).toBeLessThan(1_000);
    client.close();
  });

  it("refuses an authenticated restricted account that forges another MAIL FROM", async () => {
    const client = await connect();
    await restrict(`bob@${domain}`);
    const forged = rcpt("ceo@fabrikam.test", { sasl_username: `bob@${domain}` });
    await untilAnswer(client, forged, POLICY_ANSWERS.restricted, 1_000);
    expect(await client.ask({ ...forged, protocol_state: "MAIL" })).toBe(POLICY_ANSWERS.restricted);
    expect(await client.ask(rcpt("ceo@fabrikam.test", { sasl_username: `carol@${domain}` }))).toBe("DUNNO");
    client.close();
  });

  it("refuses a sender blocked by threat intelligence with 550 5.7.1 once the lists reload", async () => {
    const client = await connect();
    const sender = `Phisher-${uniqueTag()}@evil.test`;
    await prisma.threatIndicator.create({
      data: { kind: "sender", value: sender, threatType: "Phish", source: "test" },
    });
    await untilAnswer(
      client,
      rcpt(sender.toLowerCase()),
      "550 5.7.1 Sender blocked by the organisation's threat intelligence",
      5_000,
    );
    client.close();
  });

  it("counts accepted recipients at END-OF-MESSAGE; the message crossing the hourly limit raises both alerts, restricts and is refused, and so is the next", async () => {
    const client = await connect();
    const sender = `dave@${domain}`;
    expect(await client.ask(endOfMessage(sender, 6))).toBe("DUNNO");
    expect(await prisma.sendingCount.findMany({ where: { sender } })).toMatchObject([{ recipients: 6, messages: 1 }]);

    expect(await client.ask(endOfMessage(sender, 6))).toBe("550 5.7.1 Access denied, bad outbound sender");
    const alerts = await prisma.alert.findMany({ where: { userAddress: sender }, orderBy: { id: "asc" } });
    expect(alerts.map((alert) => alert.title)).toEqual([
      `Email sending limit exceeded: ${sender}`,
      `User restricted from sending email: ${sender}`,
    ]);
    expect(alerts[0].details).toMatchObject({
      breaches: [
        {
          limit: "recipientsPerHour",
          observed: 12,
          allowed: HOURLY_LIMIT,
          description: `12 recipients this hour (limit ${HOURLY_LIMIT})`,
        },
      ],
    });
    const restriction = await prisma.restrictedUser.findFirstOrThrow({ where: { address: sender, releasedAt: null } });
    expect(alerts[1].restrictedUserId).toBe(restriction.id);
    expect(await prisma.investigation.count({ where: { playbook: "CompromisedUser", users: { has: sender } } })).toBe(
      1,
    );

    // No wait: the service read the restriction back before answering.
    expect(await client.ask(rcpt(sender))).toBe(POLICY_ANSWERS.restricted);
    expect(await prisma.sendingCount.findMany({ where: { sender } })).toMatchObject([{ recipients: 12, messages: 2 }]);
    client.close();
  });

  it("counts for the authenticated account, not a forged MAIL FROM, and nothing for senders outside the organisation", async () => {
    const client = await connect();
    const carol = `carol@${domain}`;
    expect(await client.ask(endOfMessage("ceo@fabrikam.test", 3, { sasl_username: carol }))).toBe("DUNNO");
    expect(await client.ask(endOfMessage("someone@fabrikam.test", 3))).toBe("DUNNO");
    expect(
      await prisma.sendingCount.findMany({
        where: { sender: { in: [carol, "ceo@fabrikam.test", "someone@fabrikam.test"] } },
        select: { sender: true, recipients: true },
      }),
    ).toEqual([{ sender: carol, recipients: 3 }]);
    client.close();
  });

  it("answers pipelined requests in order, has no opinion outside MAIL/RCPT/END-OF-MESSAGE, and closes live connections on stop", async () => {
    const own = await startPolicyServer({ host: "127.0.0.1", port: 0, log: quiet });
    const client = await connect(own);
    const restricted = `erin@${domain}`;
    await restrict(restricted);
    await untilAnswer(client, rcpt(restricted), POLICY_ANSWERS.restricted, 1_000);
    const answers = await Promise.all([
      client.ask(rcpt(restricted)),
      client.ask({ protocol_state: "CONNECT", client_address: "192.0.2.1" }),
      client.ask(rcpt(`ok@${domain}`)),
      client.ask(rcpt(restricted)),
    ]);
    expect(answers).toEqual([POLICY_ANSWERS.restricted, "DUNNO", "DUNNO", POLICY_ANSWERS.restricted]);
    await own.stop();
    // Postfix would see the connection go, and open a new one to whatever serves the address next.
    await expect(client.ask(rcpt(`ok@${domain}`))).rejects.toThrow();
  });
});

describe("two sender policy services against one database", () => {
  // As the default: a change that no NOTIFY announced is read within this bound.
  const RELOAD_MS = 3_000;
  let one: TPolicyServer;
  let two: TPolicyServer;

  beforeAll(async () => {
    [one, two] = await Promise.all([
      startPolicyServer({ host: "127.0.0.1", port: 0, reloadMs: RELOAD_MS, log: quiet }),
      startPolicyServer({ host: "127.0.0.1", port: 0, reloadMs: RELOAD_MS, log: quiet }),
    ]);
  });

  afterAll(async () => {
    await Promise.all([one?.stop(), two?.stop()]);
  });

  const limitAlerts = (sender: string) =>
    prisma.alert.findMany({ where: { userAddress: sender, policyId: "email-sending-limit-exceeded" } });

  it("counts a sender's recipients once across both: alternating between them, the limit is crossed at the same total as through one", async () => {
    expect(one.port).not.toBe(two.port);
    const [toOne, toTwo, alone] = await Promise.all([connect(one), connect(two), connect(one)]);
    const [shared, single] = [`gina-${uniqueTag()}@${domain}`, `hank-${uniqueTag()}@${domain}`];
    const throughBoth = [];
    for (const [index, client] of [toOne, toTwo, toOne, toTwo].entries())
      throughBoth.push(await client.ask(endOfMessage(shared, 3 + (index % 2))));
    const throughOne = [];
    for (const index of [0, 1, 2, 3]) throughOne.push(await alone.ask(endOfMessage(single, 3 + (index % 2))));
    expect(throughBoth).toEqual(["DUNNO", "DUNNO", "DUNNO", POLICY_ANSWERS.restrictedAfterData]);
    expect(throughBoth).toEqual(throughOne);
    for (const sender of [shared, single]) {
      expect(await prisma.sendingCount.findMany({ where: { sender } })).toMatchObject([
        { recipients: 14, messages: 4 },
      ]);
      const alerts = await limitAlerts(sender);
      expect(alerts.map((alert) => alert.details)).toMatchObject([
        { breaches: [{ observed: 14, allowed: HOURLY_LIMIT }] },
      ]);
    }
    // Restricted through the second service: the first refuses the sender's next message too, within its reload bound.
    expect(await untilAnswer(toOne, rcpt(shared), POLICY_ANSWERS.restricted, RELOAD_MS)).toBeLessThan(RELOAD_MS);
    for (const client of [toOne, toTwo, alone]) client.close();
  });

  it("counts concurrent messages through both exactly once each, and only one of them crosses the limit", async () => {
    const sender = `ivan-${uniqueTag()}@${domain}`;
    const clients = await Promise.all([one, two, one, two, one, two].map((server) => connect(server)));
    const MESSAGES = 24;
    // Four messages on each connection, asked all at once (each connection pipelines its four).
    const answers = await Promise.all(
      Array.from({ length: MESSAGES }, (_, index) => clients[index % clients.length].ask(endOfMessage(sender, 1))),
    );
    expect(await prisma.sendingCount.findMany({ where: { sender } })).toMatchObject([
      { recipients: MESSAGES, messages: MESSAGES },
    ]);
    // Lost updates would cross at a total other than 11, or twice; the crossing message itself is refused.
    const alerts = await limitAlerts(sender);
    expect(alerts.map((alert) => [alert.eventCount, alert.details])).toMatchObject([
      [1, { breaches: [{ limit: "recipientsPerHour", observed: HOURLY_LIMIT + 1 }] }],
    ]);
    expect(await prisma.restrictedUser.count({ where: { address: sender } })).toBe(1);
    expect(answers.filter((answer) => answer === "DUNNO").length).toBeGreaterThanOrEqual(HOURLY_LIMIT);
    expect(answers).toContain(POLICY_ANSWERS.restrictedAfterData);
    for (const client of clients) {
      expect(await untilAnswer(client, rcpt(sender), POLICY_ANSWERS.restricted, RELOAD_MS)).toBeLessThan(RELOAD_MS);
      client.close();
    }
  });

  it("sees a restriction and a release made through the console on both, within a second (NOTIFY) and well within the reload bound", async () => {
    const sender = `judy-${uniqueTag()}@${domain}`;
    const [toOne, toTwo] = await Promise.all([connect(one), connect(two)]);
    expect([await toOne.ask(rcpt(sender)), await toTwo.ask(rcpt(sender))]).toEqual(["DUNNO", "DUNNO"]);
    const { id } = await restrict(sender);
    const refusedAfter = await Promise.all(
      [toOne, toTwo].map((client) => untilAnswer(client, rcpt(sender), POLICY_ANSWERS.restricted, 1_000)),
    );
    await releaseRestrictedUser(id, "password reset", SYSTEM);
    const releasedAfter = await Promise.all(
      [toOne, toTwo].map((client) => untilAnswer(client, rcpt(sender), "DUNNO", 1_000)),
    );
    for (const elapsed of [...refusedAfter, ...releasedAfter]) expect(elapsed).toBeLessThan(1_000);
    toOne.close();
    toTwo.close();
  });
});

describe("sender policy service without its database", () => {
  it("answers DUNNO when failing open, 451 4.3.5 when failing closed, if the database was never reachable", async () => {
    const dead = "postgresql://postgres@127.0.0.1:1/nothing";
    const open = await startPolicyServer({ host: "127.0.0.1", port: 0, failOpen: true, databaseUrl: dead, log: quiet });
    const closed = await startPolicyServer({
      host: "127.0.0.1",
      port: 0,
      failOpen: false,
      databaseUrl: dead,
      log: quiet,
    });
    try {
      const [toOpen, toClosed] = await Promise.all([connect(open), connect(closed)]);
      expect(await toOpen.ask(rcpt(`alice@${domain}`))).toBe("DUNNO");
      expect(await toClosed.ask(rcpt(`alice@${domain}`))).toBe("451 4.3.5 Sender policy temporarily unavailable");
    } finally {
      await Promise.all([open.stop(), closed.stop()]);
    }
  });

  it("when the database goes away: past the staleness bound fail-closed answers 451, fail-open keeps refusing known restricted senders; both recover", async () => {
    const restricted = `frank-${uniqueTag()}@${domain}`;
    await restrict(restricted);
    // Settings › Mail system says fail closed; the second server is told to fail open, as BREAKWATER_POLICY_FAIL_OPEN would.
    await prisma.mailSystemSettings.upsert({
      where: { id: 1 },
      create: { id: 1, policyFailOpen: false },
      update: { policyFailOpen: false },
    });
    const proxy = await startProxy(new URL(process.env.DATABASE_URL!));
    const timing = { reloadMs: 100, staleAfterMs: 500, log: quiet };
    const closed = await startPolicyServer({ host: "127.0.0.1", port: 0, databaseUrl: proxy.url, ...timing });
    const open = await startPolicyServer({
      host: "127.0.0.1",
      port: 0,
      failOpen: true,
      databaseUrl: proxy.url,
      ...timing,
    });
    try {
      const [toClosed, toOpen] = await Promise.all([connect(closed), connect(open)]);
      const someone = rcpt(`alice@${domain}`);
      expect(await toClosed.ask(someone)).toBe("DUNNO");
      expect(await toClosed.ask(rcpt(restricted))).toBe(POLICY_ANSWERS.restricted);

      await proxy.cut();
      await untilAnswer(toClosed, someone, POLICY_ANSWERS.unavailable, 3_000);
      expect(await toClosed.ask(rcpt(restricted))).toBe(POLICY_ANSWERS.unavailable);
      expect(await toOpen.ask(someone)).toBe("DUNNO");
      expect(await toOpen.ask(rcpt(restricted))).toBe(POLICY_ANSWERS.restricted);
      // A message's recipients cannot be counted either.
      expect(await toClosed.ask(endOfMessage(`alice@${domain}`, 1))).toBe(POLICY_ANSWERS.unavailable);
      expect(await toOpen.ask(endOfMessage(`alice@${domain}`, 1))).toBe("DUNNO");

      await proxy.restore();
      await untilAnswer(toClosed, someone, "DUNNO", 5_000);
      expect(await toClosed.ask(rcpt(restricted))).toBe(POLICY_ANSWERS.restricted);
    } finally {
      await Promise.all([closed.stop(), open.stop()]);
      await proxy.stop();
      await prisma.mailSystemSettings.delete({ where: { id: 1 } });
    }
  });
});

/** A TCP proxy to PostgreSQL that can be cut (every connection dropped, new ones refused) and restored on the same port. */
async function startProxy(target: URL) {
  const connections = new Set<net.Socket>();
  const make = () =>
    net.createServer((inbound) => {
      const outbound = net.connect({ host: target.hostname, port: Number(target.port || 5432) });
      for (const socket of [inbound, outbound]) {
        connections.add(socket);
        socket.on("close", () => connections.delete(socket));
        socket.on("error", () => (inbound.destroy(), outbound.destroy()));
      }
      inbound.pipe(outbound).pipe(inbound);
    });
  const listen = (server: net.Server, port: number) =>
    new Promise<number>((resolve) =>
      server.listen(port, "127.0.0.1", () => resolve((server.address() as net.AddressInfo).port)),
    );
  let server = make();
  const port = await listen(server, 0);
  const close = () => {
    const closed = new Promise((resolve) => server.close(resolve));
    for (const socket of connections) socket.destroy();
    return closed;
  };
  const url = new URL(target);
  url.hostname = "127.0.0.1";
  url.port = String(port);
  return {
    url: url.toString(),
    cut: close,
    async restore() {
      server = make();
      await listen(server, port);
    },
    stop: close,
  };
}
