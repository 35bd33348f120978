// The shared connection pool under a crowd: 50 analysts approving one soft-delete action at once, and one reader
// firing 20 heavy hunting queries, must neither stall each other nor another user's pages.
import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as approveRoute } from "@/app/api/v1/actions/[id]/approve/route";
import { GET as alertsRoute } from "@/app/api/v1/alerts/route";
import { POST as huntingRoute } from "@/app/api/v1/hunting/query/route";
import { bootstrap } from "@/server/bootstrap/bootstrap";
import { prisma } from "@/server/db";
import { insertEmails } from "../factories/email";
import { apiRequest, makeToken, routeContext } from "../factories/users";

const MAILBOXES = Array.from({ length: 40 }, (_, n) => `user${n}@org.test`);
const APPROVALS = 50;
const HUNTERS = 20;
// A crowd that deadlocks the pool runs into Prisma's 30 s wait; one that does not is done in a few seconds.
const DEADLINE_MS = 15_000;
// Read when the pool is first made (below, at the first query): a lock wait past 2 s fails instead of queueing.
process.env.DATABASE_LOCK_TIMEOUT_MS = "2000";

let operatorToken: string;
let readerToken: string;
let otherReaderToken: string;

beforeAll(async () => {
  await bootstrap({ adminEmail: "admin@test.test", adminPassword: "a-long-admin-password" });
  await prisma.mailbox.createMany({
    data: MAILBOXES.map((address) => ({ address, displayName: address, department: "Sales", country: "US" })),
  });
  [operatorToken, readerToken, otherReaderToken] = await Promise.all([
    makeToken("operator"),
    makeToken("reader"),
    makeToken("reader"),
  ]);
});

/** Resolves with the value, or fails the test when the crowd is not done by the deadline. */
function withinDeadline<T>(work: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${DEADLINE_MS / 1000} s`)), DEADLINE_MS);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

/** Another user's Alerts list, asked again and again until `done` settles: each answer's status and time. */
async function listWhile(done: Promise<unknown>, token: string): Promise<{ status: number; ms: number }[]> {
  let isDone = false;
  void done.finally(() => (isDone = true)).catch(() => {});
  const answers: { status: number; ms: number }[] = [];
  while (!isDone) {
    const started = performance.now();
    const response = await alertsRoute(apiRequest("/api/v1/alerts?pageSize=25", { token }), routeContext());
    await response.json();
    answers.push({ status: response.status, ms: performance.now() - started });
  }
  return answers;
}

async function pendingSoftDelete(messages: number) {
  const emails = await insertEmails(
    Array.from({ length: messages / MAILBOXES.length }, (_, n) => ({
      timestamp: new Date(),
      subject: `Invoice ${n}`,
      recipients: MAILBOXES,
    })),
  );
  const ids = await prisma.emailEvent.findMany({
    where: { networkMessageId: { in: emails.map((email) => email.networkMessageId) } },
    select: { id: true },
  });
  const cluster = await prisma.emailCluster.create({
    data: {
      kind: "similarUrls",
      name: "Invoice campaign",
      query: {},
      queryText: "",
      verdict: "Malicious",
      messageCount: ids.length,
    },
  });
  await prisma.emailClusterMember.createMany({
    data: ids.map(({ id }) => ({ clusterId: cluster.id, emailEventId: id })),
  });
  return prisma.action.create({
    data: {
      type: "softDelete",
      source: "AutomatedInvestigation",
      entity: cluster.name,
      clusterId: cluster.id,
      dedupKey: `crowd:${cluster.id}`,
    },
  });
}

describe("50 analysts approving one soft-delete action at once", () => {
  it("executes it once, answers each 2xx or 409 within seconds, and another user's list keeps answering", async () => {
    const action = await pendingSoftDelete(400);
    const moved = await prisma.emailEvent.count({ where: { latestDeliveryLocation: "Recoverable items" } });
    const approve = async () => {
      const response = await approveRoute(
        apiRequest(`/api/v1/actions/${action.id}/approve`, { method: "POST", token: operatorToken, body: {} }),
        routeContext({ id: String(action.id) }),
      );
      return { status: response.status, body: await response.json() };
    };
    const crowd = Promise.all(Array.from({ length: APPROVALS }, approve));
    const [answers, list] = await withinDeadline(
      Promise.all([crowd, listWhile(crowd, otherReaderToken)]),
      "50 approvals",
    );

    const statuses = answers.map((answer) => answer.status);
    expect(
      statuses.filter((status) => !(status >= 200 && status < 300) && status !== 409),
      JSON.stringify(answers.find((answer) => answer.status >= 500)?.body),
    ).toEqual([]);
    expect(answers.filter((answer) => answer.body.isNewDecision === true)).toHaveLength(1);
    expect(await prisma.emailPostDeliveryEvent.count({ where: { actionId: action.id } })).toBe(400);
    expect(await prisma.emailEvent.count({ where: { latestDeliveryLocation: "Recoverable items" } })).toBe(moved + 400);
    expect(await prisma.auditLog.count({ where: { action: "action.approve", targetId: String(action.id) } })).toBe(1);
    expect(list.length).toBeGreaterThan(0);
    expect(list.every((answer) => answer.status === 200)).toBe(true);
  });
});

describe("a lock held elsewhere", () => {
  it("answers 409 saying so once the lock wait passes DATABASE_LOCK_TIMEOUT_MS, instead of waiting or a 500", async () => {
    const action = await pendingSoftDelete(40);
    // Another process (the worker's automated remediation, say) is deciding this action and holds its row.
    const other = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await other.connect();
    try {
      await other.query("begin");
      await other.query('select 1 from "Action" where id = $1 for update', [action.id]);
      const started = performance.now();
      const response = await withinDeadline(
        approveRoute(
          apiRequest(`/api/v1/actions/${action.id}/approve`, { method: "POST", token: operatorToken, body: {} }),
          routeContext({ id: String(action.id) }),
        ),
        "an approval behind a held lock",
      );
      expect(response.status).toBe(409);
      expect((await response.json()).error.message).toMatch(/another request is changing this record/i);
      expect(performance.now() - started).toBeGreaterThanOrEqual(1_900);
    } finally {
      await other.query("rollback");
      await other.end();
    }
    expect((await prisma.action.findUniqueOrThrow({ where: { id: action.id } })).status).toBe("Pending");
  });

  it("refuses the shared client inside a transaction: the query would wait for a second connection while holding the first", async () => {
    await expect(
      prisma.$transaction(async (tx) => (await tx.user.count()) + (await prisma.user.count())),
    ).rejects.toThrow(/prisma\.user inside a transaction/);
    expect(await prisma.$transaction(async (tx) => tx.user.count())).toBeGreaterThan(0);
  });
});

describe("20 heavy hunting queries from one reader", () => {
  it("never answer 5xx, and do not starve another user's list", async () => {
    // A self-join on a shared column multiplies rows: 2,000 messages from one domain make 4,000,000 pairs to count.
    await insertEmails(
      Array.from({ length: 50 }, (_, n) => ({
        timestamp: new Date(),
        sender: `sender${n}@bulk.example`,
        subject: `Bulk ${n}`,
        recipients: MAILBOXES,
      })),
    );
    const query = "EmailEvents | join kind=inner (EmailEvents) on SenderFromDomain | summarize Pairs = count()";
    const hunt = async () => {
      const response = await huntingRoute(
        apiRequest("/api/v1/hunting/query", { method: "POST", token: readerToken, body: { query } }),
        routeContext(),
      );
      return { status: response.status, body: await response.json(), retryAfter: response.headers.get("retry-after") };
    };
    const crowd = Promise.all(Array.from({ length: HUNTERS }, hunt));
    const [answers, list] = await withinDeadline(
      Promise.all([crowd, listWhile(crowd, otherReaderToken)]),
      "20 hunting queries",
    );

    expect(answers.filter((answer) => answer.status >= 500).map((answer) => answer.body)).toEqual([]);
    expect(answers.some((answer) => answer.status === 200)).toBe(true);
    for (const answer of answers.filter((answer) => answer.status !== 200)) {
      expect(answer.status).toBe(429);
      expect(Number(answer.retryAfter)).toBeGreaterThan(0);
    }
    expect(list.length).toBeGreaterThan(0);
    expect(list.every((answer) => answer.status === 200)).toBe(true);
    // The list's slowest answer: a queue behind 20 hunting queries would take seconds.
    expect(Math.max(...list.map((answer) => answer.ms))).toBeLessThan(1_000);
  });
});
