import type { TApiAnswer } from "@/lib/api-client";

// The answers of GET /api/v1/clusters/{id} and /messages as the browser receives them, from their contracts.

export type TCluster = TApiAnswer<"GET /api/v1/clusters/{id}">;
export type TClusterAction = TCluster["actions"][number];
export type TClusterMessage = TApiAnswer<"GET /api/v1/clusters/{id}/messages">["items"][number];
