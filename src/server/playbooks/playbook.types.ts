import type { Prisma, Verdict } from "@/generated/prisma/client";
import type { TActionType } from "@/lib/actions/action-catalogue";

export type TRisk = "None" | "Low" | "Medium" | "High";
export type TPhase = "root" | "hunting" | "remediation";

export type TEvidenceInput = { kind: string; entity: string; verdict: Verdict; details?: Record<string, unknown> };

/** A recommended remedy. `entityKey` makes it unique within the run, so a retried step never adds it twice. */
export type TActionInput = {
  type: TActionType;
  entity: string;
  entityKey: string;
  target: Record<string, unknown>;
  /** The name of a cluster made by the same step, for email actions. */
  clusterName?: string;
};

/** A saved query over EmailEvent and its members, written set-based from `where` (a SQL condition on "EmailEvent"). */
export type TClusterInput = { kind: string; name: string; queryText: string; query: Record<string, unknown>; where: Prisma.Sql; verdict: Verdict };

export type TStepResult = {
  findings: string[];
  risk: TRisk;
  evidence?: TEvidenceInput[];
  actions?: TActionInput[];
  clusters?: TClusterInput[];
};

export type TInvestigationSubject = {
  id: number;
  users: string[];
  input: Record<string, unknown>;
  createdAt: Date;
};

export type TStep = {
  key: string;
  name: string;
  phase: TPhase;
  run(subject: TInvestigationSubject): Promise<TStepResult>;
};

export type TPlaybookDefinition = { steps: TStep[] };
