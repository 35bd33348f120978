import "server-only";
import {
  ACTIVITY_CONTENT_TYPES,
  MAX_FEED_WINDOW_MS,
  type TActivityFeedPage,
  type TActivityFeedQuery,
} from "./activity.schemas";
import { countActivityRecords, findActivityRecords, readSettledUntil } from "./activity.queries";
import { consoleBaseUrl, toFeedRecord } from "./feed-record";

/** GET /api/v1/activity/feed: one page of a window's settled records (the contract is FEED_CONTRACT). */
export async function getActivityFeed(query: TActivityFeedQuery): Promise<TActivityFeedPage> {
  // First the horizon, then the records, in separate statements (see readSettledUntil).
  const settledUntil = await readSettledUntil();
  const endTime = query.endTime ?? settledUntil;
  const startTime = query.startTime ?? new Date(endTime.getTime() - MAX_FEED_WINDOW_MS);
  // The horizon can sit before the window's start while a transaction from before it is still open: then the answer
  // is empty and the next poll starts at the same place, never earlier.
  const until = new Date(Math.max(startTime.getTime(), Math.min(endTime.getTime(), settledUntil.getTime())));
  const contentTypes = query.contentType?.length ? query.contentType : [...ACTIVITY_CONTENT_TYPES];
  const range = { contentTypes, from: { at: startTime }, to: { before: until } };
  const [total, rows] = await Promise.all([
    countActivityRecords(range),
    findActivityRecords(range, { skip: (query.page - 1) * query.pageSize, take: query.pageSize }),
  ]);
  const baseUrl = consoleBaseUrl();
  return {
    items: rows.map((row) => toFeedRecord(row, baseUrl)),
    total,
    page: query.page,
    pageSize: query.pageSize,
    startTime: startTime.toISOString(),
    endTime: endTime.toISOString(),
    settledUntil: settledUntil.toISOString(),
    isComplete: endTime <= settledUntil,
    nextStartTime: until.toISOString(),
  };
}
