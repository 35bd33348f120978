import "server-only";
import { prisma } from "@/server/db";
import { detectOutbound, type TDetectionResult } from "@/server/detection/detect-outbound";
import { ingestEmailEvents, type IngestEmailEventsResult } from "./ingest-email-events";
import type { TEmailEventInput } from "./ingestion.schemas";

export type TReceiveResult = Omit<IngestEmailEventsResult, "insertedIds"> & {
  blocked: number;
  detections: TDetectionResult;
};

/**
 * Mail events as the mail system reports them: stored, outbound mail from a restricted sender recorded as blocked
 * (the built-in connector does not deliver it), then the outbound detections run on the new rows.
 */
export async function receiveEmailEvents(rows: readonly TEmailEventInput[]): Promise<TReceiveResult> {
  const { insertedIds, ...counts } = await ingestEmailEvents(rows, { returnInserted: true });
  const blocked = await prisma.$executeRaw`
    update "EmailEvent" e set "deliveryAction" = 'Blocked', "deliveryLocation" = 'Dropped', "latestDeliveryLocation" = 'Dropped',
      "latestDeliveryAction" = 'Blocked', "detectionMethods" = 'Sender restricted', "orgLevelAction" = 'Block', "orgLevelPolicy" = 'Restricted users'
    where e.id = any(${insertedIds}::bigint[]) and e."emailDirection" <> 'Inbound'
      and exists (select 1 from "RestrictedUser" r where r.address = e."senderFromAddress" and r."releasedAt" is null)`;
  const detections = await detectOutbound(insertedIds);
  return { ...counts, blocked, detections };
}
