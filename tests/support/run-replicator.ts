// A replicator on its own (as the worker runs it), for tests that kill it: it says "sent N" once each batch is in
// ClickHouse and before PostgreSQL records it, then waits BREAKWATER_TEST_BATCH_DELAY_MS there.
import { huntingClickHouse } from "../../src/server/hunting/store/hunting-store";
import { startReplicator } from "../../src/server/hunting/store/replicate-hunting-tables";

const clickhouse = (await huntingClickHouse())!;
startReplicator(clickhouse, {
  batchSize: Number(process.env.BREAKWATER_CLICKHOUSE_BATCH_SIZE ?? 500),
  batchDelayMs: Number(process.env.BREAKWATER_TEST_BATCH_DELAY_MS ?? 0),
  pollMs: 50,
  onBatchSent: (rows) => console.log(`sent ${rows}`),
});
