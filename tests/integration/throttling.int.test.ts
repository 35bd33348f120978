import { describe, expect, it } from "vitest";
import { bootstrap } from "@/server/bootstrap/bootstrap";
import { prisma } from "@/server/db";
import { runInvestigation } from "@/server/engine/run-investigation";
import { MAX_ACTIVE_RUNS, startInvestigation } from "@/server/investigations/start-investigation";

describe("throttling", () => {
  it("queues runs beyond the limit as Queued by throttling, and still runs them in turn", async () => {
    await bootstrap({});
    const create = (index: number) =>
      prisma.$transaction(
        async (tx) =>
          (
            await startInvestigation(
              {
                playbook: "CompromisedUser",
                name: `run ${index}`,
                users: [`user${index}@contoso.test`],
                detectionSource: "test",
                input: {},
                alertIds: [],
              },
              tx,
            )
          ).id,
      );
    const ids: number[] = [];
    for (let index = 0; index < MAX_ACTIVE_RUNS + 5; index++) ids.push(await create(index));
    const statuses = await prisma.investigation.groupBy({ by: ["status"], _count: true });
    expect(Object.fromEntries(statuses.map((row) => [row.status, row._count]))).toEqual({
      Starting: MAX_ACTIVE_RUNS,
      QueuedByThrottling: 5,
    });

    const throttled = ids[ids.length - 1];
    await runInvestigation(throttled, { isLastAttempt: false });
    const finished = await prisma.investigation.findUniqueOrThrow({ where: { id: throttled } });
    expect(finished.status).toBe("NoThreatsFound");
    expect(finished.startedAt).not.toBeNull();
  });
});
