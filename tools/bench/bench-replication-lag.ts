import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { prisma } from "@/server/db";
import { readEnv } from "@/server/env";
import { openEmbeddedClickHouse, type TClickHouse } from "@/server/hunting/store/clickhouse-client";
import { prepareReplica, replicaStatus, startReplicator } from "@/server/hunting/store/replicate-hunting-tables";
import { ensureEmailEventPartitions } from "@/server/ingestion/email-event-partitions";
import { EMAIL_EVENT_BATCH_SIZE, ingestEmailEvents } from "@/server/ingestion/ingest-email-events";
import { ms, percentile } from "./bench-stats";
import type { BenchContext } from "./bench.types";
import { simulatedRows } from "./bench-ingest-email-events";

// Goal (issue 18): the ClickHouse copy at most 5 s behind PostgreSQL while EmailEvents arrive at 5,000 rows/s.
const GOAL_LAG_MS = 5_000;
const RATE = 5_000;
const STREAM_MS = 60_000;
// Ingestion calls as mail hosts' feeds make them: a thousand rows every fifth of a second, at most two at once (a
// call that ran long is made up by the next, up to one ingestion batch).
const TICK_MS = 200;
const CALLS_IN_FLIGHT = 2;
const MARKER_EVERY_MS = 1_000;
const POLL_MS = 100;
// After the stream, how long the replicator may take to send what is left before the run counts as failed.
const DRAIN_LIMIT_MS = 120_000;

type TMarker = { id: string; committedAt: number; seenAt?: number };

/**
 * The replicator as the console runs it for BREAKWATER_CLICKHOUSE=embedded (startReplicator on chDB in a temporary
 * folder, BREAKWATER_CLICKHOUSE_BATCH_SIZE rows a batch, in the process that ingests) while EmailEvents, with their
 * URL and attachment rows, stream in at 5,000 rows/s for a minute through ingestEmailEvents, the writer behind the
 * ingestion route. Once a second a call's last EmailEvent id is a marker, and ClickHouse is polled for it until it is
 * readable there: the time from the call's commit to then is the lag. replicaStatus().lagSeconds (what Settings and
 * /api/health show) is sampled beside it. At the end ClickHouse must hold exactly PostgreSQL's rows.
 */
export async function benchReplicationLag({ log }: BenchContext) {
  const batchSize = readEnv().BREAKWATER_CLICKHOUSE_BATCH_SIZE;
  const rows = simulatedRows((RATE * STREAM_MS) / 1000);
  await ensureEmailEventPartitions();
  const folder = mkdtempSync(path.join(tmpdir(), "bw-bench-replica-"));
  const clickhouse = await openEmbeddedClickHouse(folder);
  try {
    await prepareReplica(clickhouse);
    const batches: number[] = [];
    const replicator = startReplicator(clickhouse, { batchSize, log, onBatchSent: (sent) => batches.push(sent) });
    const markers: TMarker[] = [];
    const statusLags: number[] = [];
    let isWatching = true;
    // The first error of the stream, the watchers or an ingestion call; it stops the run once all of them have stopped.
    let failure: unknown;
    const watching = Promise.all([
      watchMarkers(clickhouse, markers, () => isWatching),
      (async () => {
        while (isWatching) {
          statusLags.push((await replicaStatus()).lagSeconds * 1000);
          await sleep(MARKER_EVERY_MS);
        }
      })(),
    ]).catch((error: unknown) => void (failure ??= error));

    log(`replicationLag: ${rows.length} EmailEvents at ${RATE} rows/s, replicator batches of ${batchSize}`);
    const started = performance.now();
    const inFlight = new Set<Promise<void>>();
    let sent = 0;
    let nextMarkerAt = 0;
    let streamSeconds = 0;
    let drainMs = 0;
    try {
      while ((sent < rows.length || inFlight.size) && failure === undefined) {
        const elapsed = performance.now() - started;
        const due = Math.min(rows.length, sent + EMAIL_EVENT_BATCH_SIZE, Math.ceil((elapsed / 1000) * RATE));
        if (due > sent && inFlight.size < CALLS_IN_FLIGHT) {
          // Mail of the moment, as a live feed sends it (its month's partition, not last year's).
          const timestamp = new Date().toISOString();
          const slice = rows.slice(sent, due).map((row) => ({ ...row, timestamp }));
          const isMarker = elapsed >= nextMarkerAt;
          if (isMarker) nextMarkerAt += MARKER_EVERY_MS;
          sent = due;
          // Storage only, as ingestEmailEvents' own benchmark measures it: with the detection engine's verdicts (measured
          // by judgeIngestedMail) ingestion alone stays under 5,000 rows/s on this machine, replica or not.
          const call = ingestEmailEvents(slice, { returnInserted: true, judge: false })
            .then(({ inserted, insertedIds }) => {
              if (inserted !== slice.length) throw new Error(`ingestion stored ${inserted} of ${slice.length} rows`);
              if (isMarker) {
                const last = insertedIds.reduce((max, id) => (id > max ? id : max));
                markers.push({ id: String(last), committedAt: performance.now() });
              }
            })
            .catch((error: unknown) => void (failure ??= error))
            .finally(() => inFlight.delete(call));
          inFlight.add(call);
        }
        await sleep(Math.max(0, TICK_MS - ((performance.now() - started) % TICK_MS)));
      }
      streamSeconds = (performance.now() - started) / 1000;
      log(`replicationLag: ${sent} rows ingested in ${streamSeconds.toFixed(1)} s`);

      // The last markers are still awaited; then the replicator sends the rest.
      const drainStarted = performance.now();
      while (
        failure === undefined &&
        (markers.some((marker) => marker.seenAt === undefined) || (await replicaStatus()).pending > 0)
      ) {
        if (performance.now() - drainStarted > DRAIN_LIMIT_MS)
          throw new Error(`the replica did not catch up within ${DRAIN_LIMIT_MS / 1000} s of the stream's end`);
        await sleep(POLL_MS * 4);
      }
      drainMs = performance.now() - drainStarted;
    } finally {
      await Promise.all(inFlight);
      isWatching = false;
      await watching;
      await replicator.stop();
    }
    if (failure !== undefined) throw failure;

    const lags = markers.map((marker) => marker.seenAt! - marker.committedAt);
    const counts = await compareCounts(clickhouse);
    const result = {
      rate: RATE,
      streamSeconds: Number(streamSeconds.toFixed(1)),
      emailEvents: sent,
      achievedRowsPerSecond: Math.round(sent / streamSeconds),
      batchSize,
      markers: markers.length,
      lagP50Ms: ms(percentile(lags, 50)),
      lagP95Ms: ms(percentile(lags, 95)),
      lagMaxMs: ms(Math.max(...lags)),
      statusLagP95Ms: ms(percentile(statusLags, 95)),
      statusLagMaxMs: ms(Math.max(...statusLags)),
      drainMs: ms(drainMs),
      replicatorBatches: batches.length,
      rowsReplicated: batches.reduce((sum, rowsSent) => sum + rowsSent, 0),
      ...counts,
      goalLagMs: GOAL_LAG_MS,
    };
    log(
      `replicationLag: ${result.achievedRowsPerSecond} rows/s; lag p50 ${result.lagP50Ms} ms, p95 ${result.lagP95Ms} ms, max ${result.lagMaxMs} ms; ${result.replicatorBatches} batches; exact copy: ${counts.isExactCopy}`,
    );
    return result;
  } finally {
    await clickhouse.close();
    rmSync(folder, { recursive: true, force: true });
  }
}

// Every marker not yet seen is looked for in each poll, through the connection the replicator writes on, as a hunting
// query would be.
async function watchMarkers(clickhouse: TClickHouse, markers: TMarker[], isWatching: () => boolean) {
  while (isWatching()) {
    const awaited = markers.filter((marker) => marker.seenAt === undefined);
    if (awaited.length) {
      const found = await clickhouse.query<{ id: string }>(
        `SELECT toString("id") AS id FROM "EmailEvent" WHERE "id" IN {ids:Array(Int64)}`,
        { ids: awaited.map((marker) => Number(marker.id)) },
      );
      const seenAt = performance.now();
      const ids = new Set(found.map((row) => row.id));
      for (const marker of awaited) if (ids.has(marker.id)) marker.seenAt = seenAt;
    }
    await sleep(POLL_MS);
  }
}

// No loss and no duplicates: per table, PostgreSQL's rows against ClickHouse's after FINAL and its distinct ids,
// and the sums of the ids, so that a lost row and a stray one cannot make up the same count.
async function compareCounts(clickhouse: TClickHouse) {
  const result: Record<string, number | string> = {};
  let isExactCopy = true;
  for (const table of ["EmailEvent", "EmailUrlInfo", "EmailAttachmentInfo"]) {
    const [postgres] = await prisma.$queryRawUnsafe<{ count: bigint; sum: string | null }[]>(
      `SELECT count(*) AS count, sum("id")::text AS sum FROM "${table}"`,
    );
    const [final] = await clickhouse.query<{ count: number; sum: string }>(
      `SELECT count() AS count, toString(sum("id")) AS sum FROM "${table}" FINAL WHERE "_deleted" = 0`,
    );
    const [distinct] = await clickhouse.query<{ ids: number }>(`SELECT uniqExact("id") AS ids FROM "${table}"`);
    const key = table.replace(/^./, (first) => first.toLowerCase());
    result[`${key}PostgresRows`] = Number(postgres.count);
    result[`${key}ClickHouseRows`] = final.count;
    result[`${key}ClickHouseDistinctIds`] = distinct.ids;
    isExactCopy &&=
      final.count === Number(postgres.count) &&
      distinct.ids === Number(postgres.count) &&
      final.sum === (postgres.sum ?? "0");
  }
  return { ...result, isExactCopy: String(isExactCopy) };
}
