// Every hunting test of hunting-query.int.test.ts, answered by ClickHouse embedded through chDB: the same KQL,
// compiled with the ClickHouse dialect, over a copy the replicator made of the same rows, against the same
// hand-written PostgreSQL SQL. The imports run in order: the store is chosen before the tests load.
export {};

const { useEmbeddedClickHouse } = await import("../support/hunting-store");
useEmbeddedClickHouse();
await import("./hunting-query.int.test");
