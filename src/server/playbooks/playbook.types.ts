import type { Prisma, Verdict } from "@/generated/prisma/client";
import type { TActionType } from "@/lib/actions/action-catalogue";
import type { TInvestigationStart, TStartedRun } from "@/server/investigations/start-investigation";

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
export type TClusterInput = {
  kind: string;
  name: string;
  queryText: string;
  query: Record<string, unknown>;
  where: Prisma.Sql;
  verdict: Verdict;
};

export type TStepResult = {
  findings: string[];
  risk: TRisk;
  evidence?: TEvidenceInput[];
  actions?: TActionInput[];
  clusters?: TClusterInput[];
};

/** The run a step works on, with the input its playbook's schema read. */
export type TInvestigationSubject<TInput = unknown> = {
  id: number;
  users: string[];
  input: TInput;
  createdAt: Date;
};

/**
 * What a step works with instead of importing the database: its playbook's queries, the clock, the run's log, and
 * the one way to start another run. A unit test hands a step fake queries and judges its result without PostgreSQL.
 */
export type TStepContext<TInput = unknown, TQueries = unknown> = {
  subject: TInvestigationSubject<TInput>;
  queries: TQueries;
  now(): Date;
  log(message: string, level?: "info" | "warning" | "error"): Promise<void>;
  startInvestigation(start: TInvestigationStart): Promise<TStartedRun>;
};

export type TStepInfo = { key: string; name: string; phase: TPhase };

export type TStep<TInput = unknown, TQueries = unknown> = TStepInfo & {
  // A property, not a method, so that a step needing more input or queries than its playbook gives does not compile.
  run: (context: TStepContext<TInput, TQueries>) => Promise<TStepResult>;
};
