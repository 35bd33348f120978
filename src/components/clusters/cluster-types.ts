import type { ActionSource, ActionStatus, DecidedBy, Verdict } from "@/generated/prisma/enums";
import type { TReversalNote } from "@/lib/labels";

// The answers of GET /api/v1/clusters/{id} and /messages as the browser receives them (dates as ISO text).

export type TClusterAction = {
  id: number;
  type: string;
  status: ActionStatus;
  source: ActionSource;
  decidedBy: DecidedBy | null;
  decidedByName: string | null;
  decidedAt: string | null;
  executedAt: string | null;
  successCount: number;
  alreadyCount: number;
  failedCount: number;
  revertOfId: number | null;
  reversals: TReversalNote[];
};

export type TCluster = {
  id: number;
  kind: string;
  name: string;
  queryText: string;
  verdict: Verdict;
  messageCount: number;
  countsByLocation: Record<string, number>;
  createdAt: string;
  investigationId: number | null;
  investigation: { name: string } | null;
  actions: TClusterAction[];
};

export type TClusterMessage = {
  id: string;
  timestamp: string;
  networkMessageId: string;
  recipientEmailAddress: string;
  senderFromAddress: string;
  subject: string;
  latestDeliveryLocation: string;
  deliveryAction: string;
  additionalActions: string[];
  result: string | null;
  resultReason: string | null;
};
