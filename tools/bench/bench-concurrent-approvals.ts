import { SYSTEM } from "@/server/auth/principal";
import { ensureBuiltIns } from "@/server/bootstrap/bootstrap";
import { prisma } from "@/server/db";
import { createToken } from "@/server/tokens/tokens.service";
import { ms, percentile } from "./bench-stats";
import type { BenchContext } from "./bench.types";

// Goal: 50 analysts approving one soft delete at once execute it once with no 5xx, 20 heavy hunting queries from one
// reader give no 5xx, and meanwhile another user's Alerts list answers within 300 ms at the 95th percentile.
const TARGET_LIST_P95_MS = 300;
const APPROVALS = 50;
const HUNTING_QUERIES = 20;
const MAILBOXES = 200;
const CLUSTER_COPIES = 2_000;
const ALERTS = 5_000;
const BASELINE_REQUESTS = 30;
// A self-join on one sender domain: its 2,000 copies make 4,000,000 pairs to count, about a second of work each time.
const HEAVY_QUERY =
  'EmailEvents | where SenderFromDomain == "bulk.example" | join kind=inner (EmailEvents | where SenderFromDomain == "bulk.example") on SenderFromDomain | summarize Pairs = count()';

type TAnswer = { status: number; ms: number };

/**
 * The crowd of issue 14, through the real route handlers (token check, body parsing, the service, JSON) in one process,
 * as `next start` serves them: 50 operators approve one soft delete of a 2,000-copy cluster at the same moment, then one
 * reader sends 20 heavy hunting queries at once; during each, another reader asks for the Alerts list again and again.
 * Each round does both on a campaign of its own.
 */
export async function benchConcurrentApprovals({ rounds, log }: BenchContext) {
  await ensureBuiltIns();
  await seedTenant();
  // One token per analyst, as 50 people would sign in; made one after another, as they would be.
  const operators: string[] = [];
  for (let n = 0; n < APPROVALS; n++)
    operators.push((await createToken({ name: `operator ${n}`, role: "operator" }, SYSTEM)).secret);
  const { secret: hunter } = await createToken({ name: "hunter", role: "reader" }, SYSTEM);
  const { secret: lister } = await createToken({ name: "lister", role: "reader" }, SYSTEM);
  // Imported here: the routes bring next-auth's configuration, which the other benchmarks need not load.
  const { POST: approveRoute } = await import("@/app/api/v1/actions/[id]/approve/route");
  const { GET: alertsRoute } = await import("@/app/api/v1/alerts/route");
  const { POST: huntingRoute } = await import("@/app/api/v1/hunting/query/route");
  const context = (params: Record<string, string> = {}) => ({ params: Promise.resolve(params) });
  const call = async (route: Promise<Response>): Promise<TAnswer> => {
    const started = performance.now();
    const response = await route;
    await response.json();
    return { status: response.status, ms: performance.now() - started };
  };
  const listAlerts = () =>
    call(
      alertsRoute(
        new Request("http://localhost/api/v1/alerts?pageSize=50", { headers: { authorization: `Bearer ${lister}` } }),
        context(),
      ),
    );
  const approve = (actionId: number, secret: string) =>
    call(
      approveRoute(
        new Request(`http://localhost/api/v1/actions/${actionId}/approve`, {
          method: "POST",
          headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
          body: "{}",
        }),
        context({ id: String(actionId) }),
      ),
    );
  const hunt = () =>
    call(
      huntingRoute(
        new Request("http://localhost/api/v1/hunting/query", {
          method: "POST",
          headers: { authorization: `Bearer ${hunter}`, "content-type": "application/json" },
          body: JSON.stringify({ query: HEAVY_QUERY }),
        }),
        context(),
      ),
    );

  for (let n = 0; n < 5; n++) await listAlerts();
  const baseline: TAnswer[] = [];
  for (let n = 0; n < BASELINE_REQUESTS; n++) baseline.push(await listAlerts());

  const approvals: TCrowd[] = [];
  const hunting: TCrowd[] = [];
  const notOnce: string[] = [];
  for (let round = 1; round <= rounds; round++) {
    const actionId = await pendingSoftDelete(round);
    approvals.push(
      await whileListing(listAlerts, () => Promise.all(operators.map((secret) => approve(actionId, secret)))),
    );
    const [moved, audited] = await Promise.all([
      prisma.emailPostDeliveryEvent.count({ where: { actionId } }),
      prisma.auditLog.count({ where: { action: "action.approve", targetId: String(actionId) } }),
    ]);
    // Executed once: one approval audited, and one post-delivery event per copy (not 50 per copy, not none).
    if (moved !== CLUSTER_COPIES || audited !== 1)
      notOnce.push(
        `round ${round}: ${moved} post-delivery events for ${CLUSTER_COPIES} copies, ${audited} approvals audited`,
      );
    hunting.push(await whileListing(listAlerts, () => Promise.all(Array.from({ length: HUNTING_QUERIES }, hunt))));
    log(
      `concurrentApprovals: round ${round}: approvals ${codes(approvals.at(-1)!.answers)} in ${approvals.at(-1)!.wallMs.toFixed(0)} ms, hunting ${codes(hunting.at(-1)!.answers)} in ${hunting.at(-1)!.wallMs.toFixed(0)} ms`,
    );
  }

  const all = (crowds: TCrowd[], pick: "answers" | "lists") => crowds.flatMap((crowd) => crowd[pick]);
  const p95 = (answers: TAnswer[]) =>
    ms(
      percentile(
        answers.map((answer) => answer.ms),
        95,
      ),
    );
  const lists = [...all(approvals, "lists"), ...all(hunting, "lists")];
  const huntingOk = all(hunting, "answers").filter((answer) => answer.status === 200);
  const result = {
    rounds,
    approvalsPerRound: APPROVALS,
    clusterCopies: CLUSTER_COPIES,
    approvalCodes: codes(all(approvals, "answers")),
    approvalWallMsMax: ms(Math.max(...approvals.map((crowd) => crowd.wallMs))),
    approvalP95Ms: p95(all(approvals, "answers")),
    executedOnce: notOnce.length ? `no: ${notOnce.join("; ")}` : "yes",
    huntingQueriesPerRound: HUNTING_QUERIES,
    huntingCodes: codes(all(hunting, "answers")),
    huntingWallMsMax: ms(Math.max(...hunting.map((crowd) => crowd.wallMs))),
    huntingOkP95Ms: huntingOk.length ? p95(huntingOk) : 0,
    fiveHundreds: [...all(approvals, "answers"), ...all(hunting, "answers"), ...lists].filter(
      (answer) => answer.status >= 500,
    ).length,
    listAloneP95Ms: p95(baseline),
    listDuringApprovalsP95Ms: p95(all(approvals, "lists")),
    listDuringHuntingP95Ms: p95(all(hunting, "lists")),
    listDuringP95Ms: p95(lists),
    listRequests: lists.length,
    listCodes: codes(lists),
    targetListP95Ms: TARGET_LIST_P95_MS,
  };
  log(`concurrentApprovals: ${JSON.stringify(result)}`);
  return result;
}

type TCrowd = { answers: TAnswer[]; lists: TAnswer[]; wallMs: number };

/** Runs the crowd while another user lists alerts one request after another; every list answer is kept. */
async function whileListing(list: () => Promise<TAnswer>, crowd: () => Promise<TAnswer[]>): Promise<TCrowd> {
  const started = performance.now();
  let isDone = false;
  const running = crowd().finally(() => (isDone = true));
  const lists: TAnswer[] = [];
  while (!isDone) lists.push(await list());
  return { answers: await running, lists, wallMs: performance.now() - started };
}

/** `{ "200": 49, "409": 1 }` as `200×49 409×1`. */
function codes(answers: TAnswer[]): string {
  const counts = new Map<number, number>();
  for (const { status } of answers) counts.set(status, (counts.get(status) ?? 0) + 1);
  return [...counts]
    .sort(([a], [b]) => a - b)
    .map(([status, count]) => `${status}×${count}`)
    .join(" ");
}

const insertCopies = (domain: string, subject: string) => prisma.$executeRaw`
  insert into "EmailEvent" (timestamp, "networkMessageId", "internetMessageId", "senderFromAddress", "senderFromDomain", "senderMailFromAddress",
    "senderMailFromDomain", "senderDisplayName", "recipientEmailAddress", subject, "emailDirection", "deliveryAction", "deliveryLocation",
    "latestDeliveryLocation", "reportId")
  select now() - make_interval(mins => m), gen_random_uuid(), '<' || gen_random_uuid() || '@' || ${domain} || '>', 'sender' || m % 10 || '@' || ${domain}, ${domain},
    'sender' || m % 10 || '@' || ${domain}, ${domain}, 'Sender', 'user' || r || '@contoso.test', ${subject} || ' ' || m, 'Inbound', 'Delivered',
    'Inbox/folder', 'Inbox/folder', gen_random_uuid()::text
  from generate_series(1, ${CLUSTER_COPIES / MAILBOXES}::int) m, generate_series(1, ${MAILBOXES}::int) r`;

/** Mailboxes, the bulk mail the hunting query joins, and alerts to list. */
async function seedTenant(): Promise<void> {
  await prisma.$executeRaw`
    insert into "Mailbox" (id, address, "displayName", department, country)
    select gen_random_uuid(), 'user' || n || '@contoso.test', 'User ' || n, 'Sales', 'US' from generate_series(1, ${MAILBOXES}::int) n`;
  await insertCopies("bulk.example", "Newsletter");
  await prisma.$executeRaw`
    insert into "Alert" ("policyId", title, severity, category, "userAddress", "detectionSource", "createdAt", "updatedAt")
    select 'suspicious-email-sending-patterns', 'Suspicious email sending patterns detected: user' || n % ${MAILBOXES}::int || '@contoso.test', 'Medium', 'Suspicious activity',
      'user' || n % ${MAILBOXES}::int || '@contoso.test', 'bench', now() - make_interval(mins => n), now()
    from generate_series(1, ${ALERTS}::int) n`;
}

/** A campaign of CLUSTER_COPIES delivered copies, its cluster and a pending soft delete of it; the action's id. */
async function pendingSoftDelete(round: number): Promise<number> {
  const domain = `campaign${round}.example`;
  await insertCopies(domain, "Invoice");
  const cluster = await prisma.emailCluster.create({
    data: {
      kind: "similarUrls",
      name: `Invoice campaign ${round}`,
      query: {},
      queryText: "",
      verdict: "Malicious",
      messageCount: CLUSTER_COPIES,
    },
  });
  await prisma.$executeRaw`insert into "EmailClusterMember" ("clusterId", "emailEventId") select ${cluster.id}, id from "EmailEvent" where "senderFromDomain" = ${domain}`;
  const action = await prisma.action.create({
    data: {
      type: "softDelete",
      source: "AutomatedInvestigation",
      entity: cluster.name,
      clusterId: cluster.id,
      dedupKey: `bench-crowd-${round}`,
    },
  });
  return action.id;
}
