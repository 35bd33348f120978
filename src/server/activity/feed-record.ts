import "server-only";
import type { ActivityRecord } from "@/generated/prisma/client";
import { readEnv } from "@/server/env";
import type { TActivityRecord } from "./activity.schemas";

/** Where the console answers: deep links are stored as paths and made absolute when read, so a move keeps them right. */
export function consoleBaseUrl(): string {
  const env = readEnv();
  return env.NEXTAUTH_URL ?? `http://localhost:${env.PORT}`;
}

/** A stored record as the feed and the webhooks send it: the first fields in the Management Activity API's order. */
export function toFeedRecord(row: Pick<ActivityRecord, "contentType" | "payload">, baseUrl: string): TActivityRecord {
  const { Id, RecordType, CreationTime, Operation, DeeplinkURL, ...rest } = row.payload as Record<string, unknown>;
  return {
    Id: Id as string,
    ContentType: row.contentType,
    RecordType: RecordType as number,
    CreationTime: CreationTime as string,
    Operation: Operation as string,
    ...rest,
    ...(typeof DeeplinkURL === "string" ? { DeeplinkURL: new URL(DeeplinkURL, baseUrl).toString() } : {}),
  };
}
