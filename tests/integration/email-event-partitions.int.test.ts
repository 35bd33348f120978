import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/server/db";
import { dropDatabase, ensureDatabase, withDatabaseName } from "@/server/db/databases";
import { readMigrationList, withSchemaEngine } from "@/server/db/schema-engine";
import {
  dropExpiredEmailEvents,
  ensureEmailEventPartitions,
  listEmailEventPartitions,
} from "@/server/ingestion/email-event-partitions";
import { insertEmails } from "../factories/email";

const NO_FILTERS = { externalTables: [], externalEnums: [] };
const MIGRATION = "_emailevents_by_month";

// One EmailEvent row per (message, recipient, time), with every column the table requires.
const insertRows = (table: string) => `
  insert into "${table}" (timestamp, "networkMessageId", "internetMessageId", "senderFromAddress", "senderFromDomain",
    "senderMailFromAddress", "senderMailFromDomain", "senderDisplayName", "recipientEmailAddress", subject,
    "emailDirection", "deliveryAction", "deliveryLocation", "latestDeliveryLocation", "reportId")
  select r.at, r.nmid, '<' || r.nmid || '@test>', 'a@fabrikam.test', 'fabrikam.test', 'a@fabrikam.test', 'fabrikam.test',
    'A', r.recipient, 'Hello', 'Inbound', 'Delivered', 'Inbox/folder', 'Inbox/folder', r.nmid::text || r.recipient
  from jsonb_to_recordset($1::jsonb) as r(at timestamp, nmid uuid, recipient text)`;

type TRow = { at: string; nmid: string; recipient: string };
const row = (at: string, recipient = "user@breakwater.test", nmid: string = randomUUID()): TRow => ({
  at,
  nmid,
  recipient,
});

async function partitionOf(db: pg.Client | typeof prisma, nmid: string): Promise<string[]> {
  const sql = `select tableoid::regclass::text as name from "EmailEvent" where "networkMessageId" = $1::uuid`;
  if (db instanceof pg.Client) return (await db.query<{ name: string }>(sql, [nmid])).rows.map((r) => r.name);
  return (await db.$queryRawUnsafe<{ name: string }[]>(sql, nmid)).map((r) => r.name);
}

describe("the EmailEvents-by-month migration, on a database that already holds mail", () => {
  const url = withDatabaseName(process.env.DATABASE_URL!, `breakwater_partitions_${randomUUID().replace(/-/g, "")}`);
  let client: pg.Client;
  const before: TRow[] = [
    row("2026-08-14 10:00:00"),
    row("2026-09-01 00:00:00"),
    row("2026-09-30 23:59:59.999"),
    row("2026-10-15 12:00:00", "a@breakwater.test"),
    row("2026-10-15 12:00:00", "b@breakwater.test"),
    row("2027-06-01 08:00:00"),
  ];
  let stored: { count: number; maxId: bigint; ids: string[] };

  beforeAll(async () => {
    await ensureDatabase(url);
    const list = await readMigrationList();
    const index = list.migrationDirectories.findIndex((dir) => dir.path.endsWith(MIGRATION));
    expect(index).toBeGreaterThan(0);
    await withSchemaEngine(url, (engine) =>
      engine.applyMigrations({
        migrationsList: { ...list, migrationDirectories: list.migrationDirectories.slice(0, index) },
        filters: NO_FILTERS,
      }),
    );
    client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(insertRows("EmailEvent"), [JSON.stringify(before)]);
    const { rows } = await client.query<{ count: number; maxId: string; ids: string[] }>(
      `select count(*)::int as count, max(id)::text as "maxId", array_agg(id::text order by id) as ids from "EmailEvent"`,
    );
    stored = { count: rows[0].count, maxId: BigInt(rows[0].maxId), ids: rows[0].ids };
    await withSchemaEngine(url, (engine) => engine.applyMigrations({ migrationsList: list, filters: NO_FILTERS }));
  });

  afterAll(async () => {
    await client?.end();
    await dropDatabase(url);
  });

  it("keeps every row, with its id, in the partition of its month", async () => {
    const { rows } = await client.query<{ ids: string[] }>(
      `select array_agg(id::text order by id) as ids from "EmailEvent"`,
    );
    expect(rows[0].ids).toEqual(stored.ids);
    expect(stored.count).toBe(before.length);
    expect(await partitionOf(client, before[0].nmid)).toEqual([`"EmailEvent_p2026_08"`]);
    expect(await partitionOf(client, before[1].nmid)).toEqual([`"EmailEvent_p2026_09"`]);
    expect(await partitionOf(client, before[2].nmid)).toEqual([`"EmailEvent_p2026_09"`]);
    expect(await partitionOf(client, before[3].nmid)).toEqual([`"EmailEvent_p2026_10"`]);
    expect(await partitionOf(client, before[5].nmid)).toEqual([`"EmailEvent_p2027_06"`]);
    const { rows: kinds } = await client.query<{ kind: string }>(
      `select relkind::text as kind from pg_class where oid = '"EmailEvent"'::regclass`,
    );
    expect(kinds[0].kind).toBe("p");
  });

  it("gives every partition the old table's indexes and keeps the replica's triggers on the table", async () => {
    const { rows } = await client.query<{ name: string; indexes: number }>(`
      select c.relname as name, (select count(*)::int from pg_index x where x.indrelid = c.oid) as indexes
      from pg_inherits i join pg_class c on c.oid = i.inhrelid where i.inhparent = '"EmailEvent"'::regclass`);
    const { rows: parent } = await client.query<{ indexes: number }>(
      `select count(*)::int as indexes from pg_index where indrelid = '"EmailEvent"'::regclass`,
    );
    expect(parent[0].indexes).toBeGreaterThanOrEqual(13);
    for (const partition of rows) expect(partition.indexes, partition.name).toBe(parent[0].indexes);
    const { rows: triggers } = await client.query<{ name: string }>(
      `select tgname as name from pg_trigger where tgrelid = '"EmailEvent"'::regclass and not tgisinternal order by 1`,
    );
    expect(triggers.map((trigger) => trigger.name)).toEqual([
      "EmailEvent_hunting_delete",
      "EmailEvent_hunting_insert",
      "EmailEvent_hunting_update",
      "EmailEvent_key",
    ]);
  });

  it("goes on numbering from the old sequence, and still stores a message and recipient once", async () => {
    const again = { ...before[3], at: "2026-12-24 09:00:00" };
    const fresh = row("2026-12-24 09:00:00");
    const inserted = await client.query<{ id: string }>(`${insertRows("EmailEvent")} returning id::text`, [
      JSON.stringify([before[0], again, fresh]),
    ]);
    expect(inserted.rows).toHaveLength(1);
    expect(BigInt(inserted.rows[0].id)).toBeGreaterThan(stored.maxId);
    const { rows } = await client.query<{ count: number }>(`select count(*)::int as count from "EmailEvent"`);
    expect(rows[0].count).toBe(before.length + 1);
  });
});

describe("EmailEvents partitions", () => {
  it("are made ahead, and a month that lands in the DEFAULT partition is moved out to its own", async () => {
    const now = new Date("2030-05-10T12:00:00Z");
    const made = await ensureEmailEventPartitions(now);
    expect(made).toEqual([
      "EmailEvent_p2030_04",
      "EmailEvent_p2030_05",
      "EmailEvent_p2030_06",
      "EmailEvent_p2030_07",
      "EmailEvent_p2030_08",
    ]);
    expect(await ensureEmailEventPartitions(now)).toEqual([]);

    const [late] = await insertEmails([{ timestamp: new Date("2031-02-03T04:05:06Z"), subject: "far ahead" }]);
    expect(await partitionOf(prisma, late.networkMessageId)).toEqual([`"EmailEvent_default"`]);
    const { id } = await prisma.emailEvent.findFirstOrThrow({ where: { networkMessageId: late.networkMessageId } });
    expect(await ensureEmailEventPartitions(now)).toEqual(["EmailEvent_p2031_02"]);
    expect(await partitionOf(prisma, late.networkMessageId)).toEqual([`"EmailEvent_p2031_02"`]);
    const moved = await prisma.emailEvent.findFirstOrThrow({ where: { networkMessageId: late.networkMessageId } });
    expect(moved.id).toBe(id);
    // Its key went along: the same message and recipient, at another time, is still refused.
    const again = row("2031-02-09 00:00:00", late.recipients[0], late.networkMessageId);
    expect(await prisma.$executeRawUnsafe(insertRows("EmailEvent"), JSON.stringify([again]))).toBe(0);
    expect(await prisma.emailEvent.count({ where: { networkMessageId: late.networkMessageId } })).toBe(1);
  });

  it("keep one row per message and recipient against two writers at once", async () => {
    const nmid = randomUUID();
    const first = new pg.Client({ connectionString: process.env.DATABASE_URL });
    const second = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await Promise.all([first.connect(), second.connect()]);
    try {
      await first.query("begin");
      const one = await first.query(insertRows("EmailEvent"), [
        JSON.stringify([row("2030-05-01 00:00:00", "x@t", nmid)]),
      ]);
      // Another month: a unique index of the partitions could not see this one.
      const waiting = second.query(insertRows("EmailEvent"), [
        JSON.stringify([row("2030-07-01 00:00:00", "x@t", nmid)]),
      ]);
      await new Promise((resolve) => setTimeout(resolve, 200));
      await first.query("commit");
      expect(one.rowCount).toBe(1);
      expect((await waiting).rowCount).toBe(0);
    } finally {
      await Promise.all([first.end(), second.end()]);
    }
    expect(await prisma.emailEvent.count({ where: { networkMessageId: nmid } })).toBe(1);
  });

  it("go when wholly older than the retention, with their keys, audited; the month of the cut stays", async () => {
    const now = new Date("2032-09-15T00:00:00Z");
    const rows = ["2032-01-10", "2032-02-10", "2032-03-10", "2032-03-20", "2032-04-10", "2032-09-01"].map((day) =>
      row(`${day} 00:00:00`),
    );
    await prisma.$executeRawUnsafe(insertRows("EmailEvent"), JSON.stringify(rows));
    await ensureEmailEventPartitions(now);
    expect(await partitionOf(prisma, rows[0].nmid)).toEqual([`"EmailEvent_p2032_01"`]);
    await prisma.huntingReplica.create({ data: { id: 1, isEnabled: true, epoch: "test" } });

    // 180 days before 15 September is 19 March: January and February are wholly older, March is not.
    const result = await dropExpiredEmailEvents(180, now);
    expect(result.cut).toEqual(new Date("2032-03-19T00:00:00Z"));
    const dropped = result.dropped.map((partition) => partition.name);
    expect(dropped).toContain("EmailEvent_p2032_01");
    expect(dropped).toContain("EmailEvent_p2032_02");
    expect(dropped).not.toContain("EmailEvent_p2032_03");
    const left = (await listEmailEventPartitions()).map((partition) => partition.name);
    expect(left).not.toContain("EmailEvent_p2032_01");
    expect(left).not.toContain("EmailEvent_p2032_02");
    expect(left).toContain("EmailEvent_p2032_03");
    expect(left).toContain("EmailEvent_default");
    for (const partition of await listEmailEventPartitions())
      if ("from" in partition) expect(partition.to.getTime()).toBeGreaterThan(result.cut.getTime());
    const [gone] = await prisma.$queryRaw<{ table: string | null }[]>`
      select to_regclass('"EmailEvent_p2032_01"')::text as "table"`;
    expect(gone.table).toBeNull();

    const kept = await prisma.emailEvent.findMany({
      where: { networkMessageId: { in: rows.map((r) => r.nmid) } },
      select: { timestamp: true },
      orderBy: { timestamp: "asc" },
    });
    expect(kept.map((event) => event.timestamp.toISOString().slice(0, 10))).toEqual([
      "2032-03-10",
      "2032-03-20",
      "2032-04-10",
      "2032-09-01",
    ]);
    expect(await prisma.emailEventKey.count({ where: { networkMessageId: rows[0].nmid } })).toBe(0);
    expect(await prisma.emailEventKey.count({ where: { networkMessageId: rows[2].nmid } })).toBe(1);
    const audits = await prisma.auditLog.findMany({
      where: { action: "emailEvents.dropMonth", targetId: "EmailEvent_p2032_01" },
    });
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actorType: "system", targetType: "emailEventPartition" });
    const replica = await prisma.huntingReplica.findUniqueOrThrow({ where: { id: 1 } });
    expect(replica.emailEventsBefore).toEqual(new Date("2032-03-01T00:00:00Z"));

    // The key went with its month: the old message is taken again (into DEFAULT), and the next run deletes it there.
    expect(await prisma.$executeRawUnsafe(insertRows("EmailEvent"), JSON.stringify([rows[0]]))).toBe(1);
    const again = await dropExpiredEmailEvents(180, now);
    expect(again.dropped).toEqual([]);
    expect(again.deletedFromDefault).toBe(1);
    expect(await prisma.emailEvent.count({ where: { networkMessageId: rows[0].nmid } })).toBe(0);
  });

  it("let a week's query read only that week's month", async () => {
    await ensureEmailEventPartitions(new Date("2032-09-15T00:00:00Z"));
    const plan = (
      await prisma.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(
        `explain (costs off) select count(*) from "EmailEvent" where timestamp >= '2032-09-08' and timestamp < '2032-09-15'`,
      )
    )
      .map((line) => line["QUERY PLAN"])
      .join("\n");
    expect(plan).toContain("EmailEvent_p2032_09");
    expect(plan).not.toMatch(/EmailEvent_p2032_0[1-8]|EmailEvent_p2032_1|EmailEvent_default/);
  });
});
