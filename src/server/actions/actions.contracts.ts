import { z } from "zod";
import { ActionSource, ActionStatus, DecidedBy } from "@/generated/prisma/enums";
import { PREVIEW_LOCATIONS } from "@/lib/preview-locations";
import { defineContract } from "@/server/http/contract";
import { enumValues } from "@/server/http/list-filters";
import { ZPage, ZWireDate } from "@/server/http/wire";
import { ZActionIdParams, ZDecideManyBody, ZDecisionBody, ZRevertBody } from "./action-decision.schemas";
import { ZActionListQuery } from "./actions.schemas";
import { ZTakeActionBody } from "./take-action";

/** "Reverted by #14 (Move to Inbox)": a revert that moved back `copies` of the action's `ofCopies`. */
export const ZReversal = z.object({
  revertId: z.number().int(),
  copies: z.number().int(),
  ofCopies: z.number().int(),
  revert: z.object({ type: z.string() }),
});

const ZActionStatus = z.enum(enumValues(ActionStatus));
const ZCounts = z.record(z.string(), z.number().int());

const ZCanary = z.object({
  copies: z.number().int(),
  sample: z.number().int(),
  mailboxes: z.number().int(),
  sampleFailed: z.number().int(),
  maxFailedPercent: z.number(),
  isStopped: z.boolean(),
  failures: ZCounts,
  summary: z.string(),
});

/** What an action did per message copy (see TExecution). */
const ZExecution = z.object({
  succeeded: z.number().int(),
  failed: z.number().int(),
  alreadyInDestination: z.number().int(),
  notInMailbox: z.number().int().optional(),
  failures: ZCounts,
  canary: ZCanary.optional(),
});

const ZPreview = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("email"),
    computedAt: ZWireDate,
    frozenCount: z.number().int(),
    liveCount: z.number().int(),
    byLocation: z.record(z.enum(PREVIEW_LOCATIONS), z.number().int()),
    mailboxes: z.array(z.object({ address: z.string(), count: z.number().int(), isPriority: z.boolean() })),
    mailboxCount: z.number().int(),
    priorityMailboxCount: z.number().int(),
    organisationShare: z.number(),
    senders: z.array(z.object({ address: z.string(), count: z.number().int() })),
    linkHosts: z.array(z.object({ host: z.string(), count: z.number().int() })),
    oldest: ZWireDate.nullable(),
    newest: ZWireDate.nullable(),
    samples: z.array(
      z.object({
        networkMessageId: z.string(),
        recipient: z.string(),
        sender: z.string(),
        subject: z.string(),
        location: z.string(),
        timestamp: ZWireDate,
      }),
    ),
  }),
  z.object({
    kind: z.literal("identity"),
    computedAt: ZWireDate,
    mailbox: z.string(),
    isPriority: z.boolean(),
    exists: z.boolean(),
    loses: z.array(z.string()),
    otherOpenActions: z.array(z.object({ id: z.number().int(), type: z.string(), entity: z.string() })),
  }),
  z.object({ kind: z.literal("none"), computedAt: ZWireDate }),
]);

const ZActionListItem = z.object({
  id: z.number().int(),
  type: z.string(),
  entity: z.string(),
  source: z.enum(enumValues(ActionSource)),
  status: ZActionStatus,
  decidedBy: z.enum(enumValues(DecidedBy)).nullable(),
  decidedByName: z.string().nullable(),
  decidedAt: ZWireDate.nullable(),
  comment: z.string().nullable(),
  decisionPreview: ZPreview.nullable(),
  canary: ZCanary.nullable(),
  firstApprovedById: z.string().nullable(),
  firstApprovedByName: z.string().nullable(),
  firstApprovedAt: ZWireDate.nullable(),
  createdAt: ZWireDate,
  executedAt: ZWireDate.nullable(),
  successCount: z.number().int(),
  alreadyCount: z.number().int(),
  failedCount: z.number().int(),
  investigationId: z.number().int().nullable(),
  investigation: z.object({ name: z.string() }).nullable(),
  clusterId: z.number().int().nullable(),
  cluster: z.object({ name: z.string(), kind: z.string(), messageCount: z.number().int() }).nullable(),
  revertOfId: z.number().int().nullable(),
  reverts: z.array(z.object({ id: z.number().int(), type: z.string(), status: ZActionStatus })),
  reversals: z.array(ZReversal),
  pendingReason: z.object({ code: z.string(), text: z.string(), href: z.string().nullable() }).nullable(),
  expiresAt: ZWireDate.nullable(),
  involvesPriorityAccount: z.boolean(),
});

const ZDecided = z.object({
  id: z.number().int(),
  status: ZActionStatus,
  isNewDecision: z.boolean(),
  decidedByName: z.string().nullable(),
  successCount: z.number().int(),
  failedCount: z.number().int(),
  /** Set while a two-person rule waits for a second approver: who gave the first approval. */
  firstApprovedByName: z.string().nullable().optional(),
});

const ZRan = z.object({
  id: z.number().int(),
  status: ZActionStatus,
  successCount: z.number().int(),
  failedCount: z.number().int(),
  result: ZExecution,
});

export const ACTION_ROUTES = {
  list: defineContract({
    method: "GET",
    path: "/api/v1/actions",
    permission: "actions:read",
    summary: "List actions",
    description:
      "The Action center: `view=pending` or `history`. Each pending item says why automation left it (`pendingReason`: code, text, the setting to change) and when it expires (`expiresAt`); `sort=expiresAt` lists the soonest first.",
    query: ZActionListQuery,
    response: ZPage(ZActionListItem),
  }),
  preview: defineContract({
    method: "GET",
    path: "/api/v1/actions/{id}/preview",
    permission: "actions:read",
    summary: "Blast-radius preview",
    description:
      "What approving would touch, counted now: an email action's frozen and live counts by location, mailboxes (priority accounts first), senders, link hosts, dates and samples; an identity action's losses and the user's other open actions. Recorded with the decision.",
    params: ZActionIdParams,
    response: ZPreview,
  }),
  approve: defineContract({
    method: "POST",
    path: "/api/v1/actions/{id}/approve",
    permission: "actions:decide",
    summary: "Approve an action",
    description: "Carries it out. Idempotent; 409 when it was already decided otherwise.",
    params: ZActionIdParams,
    body: ZDecisionBody,
    response: ZDecided,
  }),
  reject: defineContract({
    method: "POST",
    path: "/api/v1/actions/{id}/reject",
    permission: "actions:decide",
    summary: "Reject an action",
    description: "Idempotent; 409 when it was already decided otherwise.",
    params: ZActionIdParams,
    body: ZDecisionBody,
    response: ZDecided,
  }),
  revert: defineContract({
    method: "POST",
    path: "/api/v1/actions/{id}/revert",
    permission: "actions:decide",
    summary: "Revert an email action",
    description: "Move to Inbox or Move to Junk what an executed email action moved.",
    params: ZActionIdParams,
    body: ZRevertBody,
    response: ZRan.extend({ revertOfId: z.number().int() }),
  }),
  retry: defineContract({
    method: "POST",
    path: "/api/v1/actions/{id}/retry",
    permission: "actions:decide",
    summary: "Retry a partly failed email action",
    description: "Only the copies that failed are tried again.",
    params: ZActionIdParams,
    response: ZRan,
  }),
  decideMany: defineContract({
    method: "POST",
    path: "/api/v1/actions/decide",
    permission: "actions:decide",
    summary: "Decide many actions",
    description: "Each in its own transaction; a conflict on one does not undo the others.",
    body: ZDecideManyBody,
    response: z.object({
      results: z.array(
        z.union([
          ZDecided.extend({ error: z.null() }),
          z.object({
            id: z.number().int(),
            status: ZActionStatus.nullable(),
            decidedByName: z.string().nullable(),
            isNewDecision: z.literal(false),
            error: z.object({ code: z.string(), message: z.string() }),
          }),
        ]),
      ),
    }),
  }),
  take: defineContract({
    method: "POST",
    path: "/api/v1/explorer/actions",
    permission: "actions:decide",
    summary: "Take action on messages",
    description: "An email action on a Threat Explorer selection, carried out at once and filed on History as Manual.",
    body: ZTakeActionBody,
    response: ZRan.extend({ clusterId: z.number().int(), type: z.string() }),
    status: 201,
  }),
};
