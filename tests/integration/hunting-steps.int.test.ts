import { beforeAll, describe, expect, it } from "vitest";
import { bootstrap } from "@/server/bootstrap/bootstrap";
import { prisma } from "@/server/db";
import { runInvestigation } from "@/server/engine/run-investigation";
import { simulateOrg } from "@/server/simulator/simulate-org";
import { simulatePhishCampaign, type PhishCampaignSummary } from "@/server/simulator/simulate-phish-campaign";

const NOW = new Date("2026-03-10T12:00:00Z");
let summary: PhishCampaignSummary;

beforeAll(async () => {
  await bootstrap({});
  await simulateOrg({ seed: 3, mailboxes: 30, days: 1, now: new Date("2026-03-10T00:00:00Z") });
  summary = await simulatePhishCampaign({ seed: 8, recipients: 30, now: NOW });
}, 120_000);

describe("the hunting step Users who clicked malicious links", () => {
  it("leaves a compromise check the queue refused Failed, saying why, and goes on with the run", async () => {
    expect(summary.clicks.length).toBeGreaterThan(0);
    // The queue refuses every run from here on: a real failure of PostgreSQL, not a stand-in.
    await prisma.$executeRawUnsafe(
      "create function refuse_job() returns trigger language plpgsql as $$ begin raise exception 'the queue is full'; end $$",
    );
    await prisma.$executeRawUnsafe(
      "create trigger refuse_job before insert on pgboss.job for each row execute function public.refuse_job()",
    );

    const { investigationId } = summary.reported!;
    await runInvestigation(investigationId, { isLastAttempt: false });

    const children = await prisma.investigation.findMany({
      where: { playbook: "CompromisedUser" },
      include: { log: true },
    });
    expect(children.map((child) => child.users[0]).sort()).toEqual([...summary.clicks].sort());
    for (const child of children) {
      expect(child).toMatchObject({
        status: "Failed",
        error: expect.stringMatching(/^could not be queued: .*the queue is full/),
      });
      expect(child.endedAt).not.toBeNull();
      expect(child.log.some((log) => log.level === "error" && log.message.includes("could not be queued"))).toBe(true);
    }
    const [{ jobs }] = await prisma.$queryRaw<{ jobs: number }[]>`
      select count(*)::int as jobs from pgboss.job where (data->>'investigationId')::int = any(${children.map((child) => child.id)}::int[])`;
    expect(jobs).toBe(0);

    const step = await prisma.investigationStep.findUniqueOrThrow({
      where: { investigationId_key: { investigationId, key: "url-clicks" } },
    });
    expect(step.status).toBe("Completed");
    const findings = step.findings as string[];
    for (const child of children)
      expect(findings.some((finding) => finding.includes(`investigation #${child.id} (could not be queued`))).toBe(
        true,
      );
    // The parent run still reaches its end: a refused child is not the parent's failure.
    expect((await prisma.investigation.findUniqueOrThrow({ where: { id: investigationId } })).status).toBe(
      "PendingAction",
    );
  });
});
