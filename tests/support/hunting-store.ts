// Which store the hunting tests query: PostgreSQL, or ClickHouse (chDB) when a test file sets
// BREAKWATER_TEST_HUNTING_STORE before importing the tests (hunting-query-clickhouse.int.test.ts).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll } from "vitest";
import { closeHuntingClickHouse, huntingClickHouse } from "@/server/hunting/store/hunting-store";
import { prepareReplica, replicateBatch } from "@/server/hunting/store/replicate-hunting-tables";

export const testHuntingStore = () =>
  process.env.BREAKWATER_TEST_HUNTING_STORE === "clickhouse" ? "clickhouse" : "postgres";

/** An embedded ClickHouse of this test file's own, in a temporary folder. */
export function useEmbeddedClickHouse(): void {
  process.env.BREAKWATER_TEST_HUNTING_STORE = "clickhouse";
  process.env.BREAKWATER_CLICKHOUSE = "embedded";
  const dataDir = mkdtempSync(path.join(tmpdir(), "bw-clickhouse-"));
  process.env.BREAKWATER_CLICKHOUSE_PATH = dataDir;
  afterAll(async () => {
    await closeHuntingClickHouse();
    rmSync(dataDir, { recursive: true, force: true });
  });
}

/** Copies every hunting row to ClickHouse (when the tests query it), through the replicator. */
export async function copyToClickHouse(): Promise<void> {
  if (testHuntingStore() !== "clickhouse") return;
  const clickhouse = (await huntingClickHouse())!;
  await prepareReplica(clickhouse);
  while ((await replicateBatch(clickhouse)) > 0);
}
