import "server-only";
import { z } from "zod";
import { EMAIL_ACTIONS } from "@/server/actions/email-locations";
import { DELIVERY_LOCATIONS } from "@/server/ingestion/ingestion.schemas";
import { ZCsvEnum, ZIntIdParams } from "@/server/http/list-filters";
import { ZListQuery } from "@/server/http/pagination";
import { ZFilterText } from "@/server/http/safe-text";

export const ZClusterIdParams = ZIntIdParams;

// An analyst's word on a whole cluster: each teaches the engine about the campaign (clusters.assess-cluster.ts).
export const CLUSTER_ASSESSMENTS = ["Phish", "Malware", "Spam", "Clean"] as const;
export const ZAssessClusterBody = z.strictObject({ assessment: z.enum(CLUSTER_ASSESSMENTS) });
export type TAssessCluster = z.infer<typeof ZAssessClusterBody>;

// Where a message can be now: where it was delivered, or where an email action moved it since.
export const MESSAGE_LOCATIONS = [
  ...new Set([...DELIVERY_LOCATIONS, ...Object.values(EMAIL_ACTIONS).map((action) => action.location)]),
] as [string, ...string[]];

export const ZClusterMessagesQuery = ZListQuery(["timestamp"], "-timestamp").extend({
  location: ZCsvEnum(MESSAGE_LOCATIONS).optional(),
  /** Part of a recipient address or of the subject. */
  q: ZFilterText(200),
});
export type TClusterMessagesQuery = z.infer<typeof ZClusterMessagesQuery>;
