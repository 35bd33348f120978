import { z } from "zod";
import {
  ActionSource,
  ActionStatus,
  AlertStatus,
  InvestigationStatus,
  Playbook,
  Severity,
  StepStatus,
  Verdict,
} from "@/generated/prisma/enums";
import { ZReversal } from "@/server/actions/actions.contracts";
import { defineContract } from "@/server/http/contract";
import { enumValues, ZIntIdParams } from "@/server/http/list-filters";
import { ZPage, ZWireDate } from "@/server/http/wire";
import { ZTriggerInvestigationBody } from "./investigate-user";
import { ZInvestigationEntitiesQuery } from "./investigation-entities.queries";
import { ZInvestigationListQuery } from "./investigations.schemas";
import { ZRevertInvestigationBody } from "./revert-investigation";
import { ZStopInvestigationBody } from "./stop-investigation";

const ZVerdict = z.enum(enumValues(Verdict));

const LIST_FIELDS = {
  id: z.number().int(),
  name: z.string(),
  playbook: z.enum(enumValues(Playbook)),
  status: z.enum(enumValues(InvestigationStatus)),
  detectionSource: z.string(),
  users: z.array(z.string()),
  createdAt: ZWireDate,
  updatedAt: ZWireDate,
  startedAt: ZWireDate.nullable(),
  endedAt: ZWireDate.nullable(),
  threatCount: z.number().int(),
  actionCount: z.number().int(),
  durationMs: z.number().nullable(),
};

const ZDetails = z.object({
  ...LIST_FIELDS,
  error: z.string().nullable(),
  input: z.unknown(),
  stoppedByName: z.string().nullable(),
  stopReason: z.string().nullable(),
  steps: z.array(
    z.object({
      id: z.string(),
      phase: z.string(),
      key: z.string(),
      name: z.string(),
      position: z.number().int(),
      status: z.enum(enumValues(StepStatus)),
      risk: z.string(),
      findings: z.unknown(),
      attempts: z.number().int(),
      startedAt: ZWireDate.nullable(),
      endedAt: ZWireDate.nullable(),
    }),
  ),
  evidence: z.array(
    z.object({
      id: z.string(),
      kind: z.string(),
      entity: z.string(),
      verdict: ZVerdict,
      stepKey: z.string(),
      details: z.unknown(),
      createdAt: ZWireDate,
    }),
  ),
  clusters: z.array(
    z.object({
      id: z.number().int(),
      kind: z.string(),
      name: z.string(),
      query: z.unknown(),
      queryText: z.string(),
      verdict: ZVerdict,
      messageCount: z.number().int(),
      countsByLocation: z.unknown(),
      createdAt: ZWireDate,
    }),
  ),
  actions: z.array(
    z.object({
      id: z.number().int(),
      type: z.string(),
      source: z.enum(enumValues(ActionSource)),
      status: z.enum(enumValues(ActionStatus)),
      entity: z.string(),
      target: z.unknown(),
      clusterId: z.number().int().nullable(),
      decidedByName: z.string().nullable(),
      decidedAt: ZWireDate.nullable(),
      executedAt: ZWireDate.nullable(),
      successCount: z.number().int(),
      alreadyCount: z.number().int(),
      failedCount: z.number().int(),
      revertOfId: z.number().int().nullable(),
      createdAt: ZWireDate,
      reversals: z.array(ZReversal),
    }),
  ),
  alerts: z.array(
    z.object({
      id: z.number().int(),
      title: z.string(),
      severity: z.enum(enumValues(Severity)),
      status: z.enum(enumValues(AlertStatus)),
      userAddress: z.string().nullable(),
      createdAt: ZWireDate,
      policy: z.object({ name: z.string() }),
    }),
  ),
  log: z.array(
    z.object({ id: z.string(), at: ZWireDate, level: z.string(), stepKey: z.string().nullable(), message: z.string() }),
  ),
  logTotal: z.number().int(),
});

const ZGraph = z.object({
  nodes: z.array(
    z.object({
      id: z.string(),
      kind: z.enum([
        "alert",
        "investigation",
        "mailbox",
        "email",
        "cluster",
        "url",
        "file",
        "ip",
        "sender",
        "campaign",
        "finding",
        "action",
        "more",
      ]),
      label: z.string(),
      detail: z.string().optional(),
      verdict: ZVerdict.optional(),
      href: z.string().optional(),
      clusterId: z.number().int().optional(),
      isRestricted: z.boolean().optional(),
    }),
  ),
  edges: z.array(z.object({ id: z.string(), source: z.string(), target: z.string() })),
  entityCount: z.number().int(),
});

const ZEntity = z.object({
  kind: z.string(),
  entity: z.string(),
  verdict: ZVerdict,
  stepKey: z.string().nullable(),
  clusterId: z.number().int().nullable(),
  messageCount: z.number().int().nullable(),
  createdAt: ZWireDate,
});

const ZRevertRefusal = z.object({
  actionId: z.number().int(),
  type: z.string(),
  family: z.enum(["email", "identity", "block"]),
  entity: z.string(),
  reason: z.string(),
});
const ZRevertItem = ZRevertRefusal.omit({ reason: true }).extend({
  messages: z.number().int(),
  to: z.enum(["inbox", "junk"]).nullable(),
  byFolder: z.record(z.string(), z.number().int()),
});
const ZRevertPreview = z.object({
  investigationId: z.number().int(),
  revertable: z.array(ZRevertItem),
  refused: z.array(ZRevertRefusal),
  alreadyReverted: z.array(ZRevertRefusal),
  nothingToUndo: z.array(ZRevertRefusal),
});

export const INVESTIGATION_ROUTES = {
  list: defineContract({
    method: "GET",
    path: "/api/v1/investigations",
    permission: "investigations:read",
    summary: "List investigations",
    query: ZInvestigationListQuery,
    response: ZPage(z.object({ ...LIST_FIELDS, priorityAccounts: z.array(z.string()) })),
  }),
  trigger: defineContract({
    method: "POST",
    path: "/api/v1/investigations",
    permission: "investigations:trigger",
    summary: "Trigger an investigation",
    description:
      "`{ networkMessageIds }` or `{ filters }`: ticked messages or a Threat Explorer search, for the Manual playbook. `{ user }`: the compromised-user playbook on that mailbox, or a link to the user's open run (or one that concluded in the last 30 minutes). Both raise *Investigation triggered manually*.",
    body: ZTriggerInvestigationBody,
    response: z.union([
      z.object({
        alertId: z.number().int().nullable(),
        investigationId: z.number().int(),
        messageCount: z.number().int(),
      }),
      z.object({
        alertId: z.number().int().nullable(),
        investigationId: z.number().int(),
        isNewInvestigation: z.boolean(),
      }),
    ]),
    status: 201,
  }),
  get: defineContract({
    method: "GET",
    path: "/api/v1/investigations/{id}",
    permission: "investigations:read",
    summary: "One investigation",
    description: "Steps, log, evidence, clusters and actions.",
    params: ZIntIdParams,
    response: ZDetails,
  }),
  graph: defineContract({
    method: "GET",
    path: "/api/v1/investigations/{id}/graph",
    permission: "investigations:read",
    summary: "Investigation graph",
    description:
      "Alerts, the investigation, its mailboxes, emails, clusters, URLs, files, IPs, findings and actions as nodes and edges; more than 8 of a kind under one node are one node with a count.",
    params: ZIntIdParams,
    response: ZGraph,
  }),
  entities: defineContract({
    method: "GET",
    path: "/api/v1/investigations/{id}/entities",
    permission: "investigations:read",
    summary: "Investigation entities",
    description:
      "Every entity the run looked at (its evidence and email clusters) with its verdict, a page at a time; `kinds` counts them by kind.",
    params: ZIntIdParams,
    query: ZInvestigationEntitiesQuery,
    response: ZPage(ZEntity).extend({ kinds: z.array(z.object({ kind: z.string(), count: z.number().int() })) }),
  }),
  stop: defineContract({
    method: "POST",
    path: "/api/v1/investigations/{id}/stop",
    permission: "investigations:stop",
    summary: "Stop investigation",
    description:
      "`{ reason }`: ends the run as *Terminated by user*, with who and why. 409 when it has already ended. Its pending actions stay in the Action center.",
    params: ZIntIdParams,
    body: ZStopInvestigationBody,
    response: z.object({
      id: z.number().int(),
      status: z.enum(enumValues(InvestigationStatus)),
      endedAt: ZWireDate.nullable(),
      stoppedByName: z.string().nullable(),
      stopReason: z.string().nullable(),
    }),
  }),
  revertPreview: defineContract({
    method: "GET",
    path: "/api/v1/investigations/{id}/revert/preview",
    permission: "investigations:read",
    summary: "Preview reverting an investigation",
    description:
      "What Revert investigation would undo (email actions, each copy back to its own folder; blocks lifted) and what it cannot (hard deletes, soft deletes past the retention, identity actions), already reverted, or moved nothing to undo.",
    params: ZIntIdParams,
    response: ZRevertPreview,
  }),
  revert: defineContract({
    method: "POST",
    path: "/api/v1/investigations/{id}/revert",
    permission: "actions:decide",
    summary: "Revert an investigation",
    description:
      "`{ comment? }`: undoes every revertable action the run took, each as a revert of its own (History shows them), and lists what it refused. 409 while another revert of the run is under way; afterwards a no-op.",
    params: ZIntIdParams,
    body: ZRevertInvestigationBody,
    response: ZRevertPreview.extend({
      reverted: z.array(
        ZRevertItem.extend({
          revertId: z.number().int(),
          status: z.string(),
          succeeded: z.number().int(),
          alreadyInDestination: z.number().int(),
          failed: z.number().int(),
        }),
      ),
      skipped: z.array(ZRevertRefusal),
    }),
  }),
};
