import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { prisma } from "@/server/db";
import type { TClickHouse } from "@/server/hunting/store/clickhouse-client";
import { closeHuntingClickHouse, huntingClickHouse, huntingStoreStatus } from "@/server/hunting/store/hunting-store";
import { prepareReplica, replicateBatch } from "@/server/hunting/store/replicate-hunting-tables";

// The replicator's bulk fill: ClickHouse reads the tables from PostgreSQL at once, and the change log, on from the
// moment the fill starts, brings every later write; a fill done twice (a new epoch) leaves each row once.

const clickhouseDir = mkdtempSync(path.join(tmpdir(), "bw-replica-bulk-"));
process.env.BREAKWATER_CLICKHOUSE = "embedded";
process.env.BREAKWATER_CLICKHOUSE_PATH = clickhouseDir;

afterAll(async () => {
  await closeHuntingClickHouse();
  rmSync(clickhouseDir, { recursive: true, force: true });
});

const logons = (count: number, tag: string) =>
  Array.from({ length: count }, (_, index) => ({
    timestamp: new Date(Date.UTC(2026, 11, 1, 12, 0, index)),
    actionType: "LogonSuccess",
    application: "Exchange Online",
    logonType: "Interactive",
    protocol: "IMAP",
    accountUpn: `${tag}-${index % 7}@breakwater.test`,
    accountDisplayName: tag,
    ipAddress: "198.51.100.7",
    countryCode: "US",
    reportId: randomUUID(),
  }));

describe("the replicator's bulk fill", () => {
  it("copies every row with its values, then the change log brings the writes made after it", async () => {
    await prisma.identityLogonEvent.createMany({ data: logons(1_200, "bulk") });
    const clickhouse = (await huntingClickHouse())!;
    await prepareReplica(clickhouse, { fill: "bulk" });
    // Nothing was queued for the rows already there.
    expect((await huntingStoreStatus()).pending).toBe(0);
    const [first] = await prisma.identityLogonEvent.findMany({ orderBy: { id: "asc" }, take: 1 });
    const [copy] = await clickhouse.query<{ timestamp: string; accountUpn: string }>(
      `SELECT "timestamp", "accountUpn" FROM "IdentityLogonEvent" FINAL WHERE "id" = ${Number(first.id)}`,
    );
    expect(new Date(copy.timestamp)).toEqual(first.timestamp);
    expect(copy.accountUpn).toBe(first.accountUpn);

    await prisma.identityLogonEvent.createMany({ data: logons(300, "later") });
    await prisma.identityLogonEvent.updateMany({ where: { id: first.id }, data: { city: "Reykjavik" } });
    const { count: deleted } = await prisma.identityLogonEvent.deleteMany({
      where: { accountUpn: "bulk-3@breakwater.test" },
    });
    expect(deleted).toBe(171);
    while ((await replicateBatch(clickhouse, { batchSize: 100 })) > 0);
    await expectSameRows(clickhouse, first.id);

    // A second fill (ClickHouse lost its marker) empties it and copies again: each row once.
    await clickhouse.command(`TRUNCATE TABLE "_breakwater_replica"`);
    await prepareReplica(clickhouse, { fill: "bulk" });
    await expectSameRows(clickhouse, first.id);
    expect(await huntingStoreStatus()).toMatchObject({ isEnabled: true, pending: 0, isCaughtUp: true });
  }, 180_000);
});

async function expectSameRows(clickhouse: TClickHouse, changedId: bigint) {
  const expected = (await prisma.identityLogonEvent.findMany({ select: { id: true }, orderBy: { id: "asc" } })).map(
    (row) => Number(row.id),
  );
  expect(expected).toHaveLength(1_200 + 300 - 171);
  const copied = await clickhouse.query<{ id: number }>(`SELECT "id" FROM "IdentityLogonEvent" FINAL ORDER BY "id"`);
  expect(copied.map((row) => Number(row.id))).toEqual(expected);
  const [changed] = await clickhouse.query<{ city: string }>(
    `SELECT "city" FROM "IdentityLogonEvent" FINAL WHERE "id" = ${Number(changedId)}`,
  );
  expect(changed.city).toBe("Reykjavik");
}
