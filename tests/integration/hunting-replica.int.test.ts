import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { prisma } from "@/server/db";
import { closeHuntingClickHouse, huntingClickHouse, huntingStoreStatus } from "@/server/hunting/store/hunting-store";
import { prepareReplica, replicateBatch, trimReplica } from "@/server/hunting/store/replicate-hunting-tables";
import { dropExpiredEmailEvents, ensureEmailEventPartitions } from "@/server/ingestion/email-event-partitions";
import { insertEmails } from "../factories/email";
import { runHuntingQuery } from "@/server/hunting/run-hunting-query";

// PostgreSQL stays the source of truth: rows stream in while a replicator copies them to ClickHouse (chDB), the
// replicator is killed between sending a batch and recording it, and once restarted ClickHouse holds every row
// exactly once, with its latest values, and none of the deleted ones.

const clickhouseDir = mkdtempSync(path.join(tmpdir(), "bw-replica-"));
process.env.BREAKWATER_CLICKHOUSE = "embedded";
process.env.BREAKWATER_CLICKHOUSE_PATH = clickhouseDir;

let child: ChildProcess | undefined;

afterAll(async () => {
  child?.kill("SIGKILL");
  await closeHuntingClickHouse();
  rmSync(clickhouseDir, { recursive: true, force: true });
});

const logons = (count: number, tag: string) =>
  Array.from({ length: count }, (_, index) => ({
    timestamp: new Date(Date.now() - index * 1_000),
    actionType: index % 3 ? "LogonSuccess" : "LogonFailed",
    application: "Exchange Online",
    logonType: "Interactive",
    protocol: "IMAP",
    accountUpn: `${tag}-${index % 40}@breakwater.test`,
    accountDisplayName: tag,
    ipAddress: "198.51.100.7",
    countryCode: "US",
    reportId: randomUUID(),
  }));

function startChild(): { sent: Promise<void> } {
  let output = "";
  child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "tests/support/run-replicator.ts"], {
    env: { ...process.env, BREAKWATER_CLICKHOUSE_BATCH_SIZE: "700", BREAKWATER_TEST_BATCH_DELAY_MS: "60000" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const sent = new Promise<void>((resolve, reject) => {
    child!.stdout!.on("data", (chunk) => {
      output += chunk;
      if (/sent [1-9]/.test(output)) resolve();
    });
    child!.stderr!.on("data", (chunk) => (output += chunk));
    child!.once("exit", (code) =>
      reject(new Error(`the replicator exited (${code}) before sending a batch:\n${output}`)),
    );
  });
  return { sent };
}

describe("the ClickHouse replica of the hunting tables", () => {
  it("holds every row exactly once after a replicator killed mid-batch restarts, updates and deletes included", async () => {
    await prisma.identityLogonEvent.createMany({ data: logons(1_000, "before") });
    const { sent } = startChild();
    // Ingestion goes on while the replicator fills ClickHouse.
    await prisma.identityLogonEvent.createMany({ data: logons(1_500, "during") });
    await sent;
    // Killed after the batch reached ClickHouse, before PostgreSQL recorded it.
    child!.kill("SIGKILL");
    await new Promise((resolve) => child!.once("exit", resolve));

    await prisma.identityLogonEvent.createMany({ data: logons(800, "after") });
    const changed = await prisma.identityLogonEvent.findMany({
      where: { accountDisplayName: "before" },
      take: 50,
      orderBy: { id: "asc" },
      select: { id: true },
    });
    await prisma.identityLogonEvent.updateMany({
      where: { id: { in: changed.map((row) => row.id) } },
      data: { city: "Reykjavik" },
    });
    const gone = await prisma.identityLogonEvent.findMany({
      where: { accountDisplayName: "during" },
      take: 30,
      orderBy: { id: "desc" },
      select: { id: true },
    });
    await prisma.identityLogonEvent.deleteMany({ where: { id: { in: gone.map((row) => row.id) } } });

    // The restarted replicator (here, in this process: the killed one let go of chDB's folder).
    const clickhouse = (await huntingClickHouse())!;
    await prepareReplica(clickhouse);
    while ((await replicateBatch(clickhouse, { batchSize: 700 })) > 0);

    const expected = (await prisma.identityLogonEvent.findMany({ select: { id: true }, orderBy: { id: "asc" } })).map(
      (row) => Number(row.id),
    );
    const copied = await clickhouse.query<{ id: number }>(`SELECT "id" FROM "IdentityLogonEvent" FINAL ORDER BY "id"`);
    // The killed batch was sent twice; FINAL reads each id once (a background merge may already have dropped the copy).
    expect(copied.map((row) => Number(row.id))).toEqual(expected);
    const cities = await clickhouse.query<{ city: string }>(
      `SELECT DISTINCT "city" FROM "IdentityLogonEvent" FINAL WHERE "id" IN (${changed.map((row) => Number(row.id)).join(", ")})`,
    );
    expect(cities).toEqual([{ city: "Reykjavik" }]);

    // Caught up, hunting goes to ClickHouse by itself, and answers as PostgreSQL does.
    expect(await huntingStoreStatus()).toMatchObject({
      store: "embedded",
      isEnabled: true,
      pending: 0,
      isCaughtUp: true,
    });
    const onClickHouse = await runHuntingQuery(
      "IdentityLogonEvents | summarize count() by AccountDisplayName, City | sort by AccountDisplayName asc, City asc",
    );
    const onPostgres = await runHuntingQuery(
      "IdentityLogonEvents | summarize count() by AccountDisplayName, City | sort by AccountDisplayName asc, City asc",
      { store: "postgres" },
    );
    expect(onClickHouse.store).toBe("clickhouse");
    expect(onClickHouse.rows).toEqual(onPostgres.rows);
    expect(onClickHouse.rows).toContainEqual({ AccountDisplayName: "before", City: "Reykjavik", count_: 50 });
  }, 180_000);

  it("loses the months retention drops in PostgreSQL, which no trigger logs", async () => {
    const now = new Date("2033-09-15T00:00:00Z");
    const [old, recent] = await insertEmails([
      { timestamp: new Date("2033-01-20T10:00:00Z"), subject: "January" },
      { timestamp: new Date("2033-06-20T10:00:00Z"), subject: "June" },
    ]);
    await ensureEmailEventPartitions(now);
    const clickhouse = (await huntingClickHouse())!;
    await prepareReplica(clickhouse);
    while ((await replicateBatch(clickhouse)) > 0);
    const subjects = async () =>
      (
        await clickhouse.query<{ subject: string }>(
          `SELECT "subject" FROM "EmailEvent" FINAL WHERE "networkMessageId" IN ('${old.networkMessageId}', '${recent.networkMessageId}') ORDER BY "subject"`,
        )
      ).map((row) => row.subject);
    expect(await subjects()).toEqual(["January", "June"]);

    const { dropped } = await dropExpiredEmailEvents(180, now);
    expect(dropped.map((partition) => partition.name)).toContain("EmailEvent_p2033_01");
    expect(await replicateBatch(clickhouse)).toBe(0);
    expect(await subjects()).toEqual(["January", "June"]);
    expect(await trimReplica(clickhouse)).toBe(true);
    expect(await subjects()).toEqual(["June"]);
    expect(await trimReplica(clickhouse)).toBe(false);
  }, 120_000);
});
