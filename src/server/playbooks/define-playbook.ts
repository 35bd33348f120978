import { z } from "zod";
import type { TInvestigationSubject, TStep, TStepContext, TStepInfo, TStepResult } from "./playbook.types";

/** What the runner gives every step of a run besides its playbook's queries. */
export type TStepServices = Omit<TStepContext, "subject" | "queries" | "log"> & {
  log(stepKey: string, message: string, level?: "info" | "warning" | "error"): Promise<void>;
};

export type TBoundStep = TStepInfo & { run(): Promise<TStepResult> };

/** A playbook as the runner sees it: its steps in order, and how to bind them to one run. */
export type TPlaybook = {
  steps: TStepInfo[];
  bind(run: TInvestigationSubject, services: TStepServices): TBoundStep[];
};

/**
 * A playbook: the schema of what it is started on and its steps in order, each given `queries` (the playbook's own
 * database module). The run's stored input is read through the schema before the first step that runs, so a step
 * sees typed input or the step fails saying what is wrong with it.
 */
export function definePlaybook<TSchema extends z.ZodType, TQueries>(definition: {
  inputSchema: TSchema;
  queries: TQueries;
  steps: TStep<z.output<TSchema>, TQueries>[];
}): TPlaybook {
  return {
    steps: definition.steps.map(({ key, name, phase }) => ({ key, name, phase })),
    bind(run, services) {
      // One subject per run, made on first use: steps cache what they read of it (the message, the mailbox) per run.
      let subject: TInvestigationSubject<z.output<TSchema>> | undefined;
      const subjectOf = () => (subject ??= { ...run, input: readInput(definition.inputSchema, run.input) });
      return definition.steps.map((step) => ({
        key: step.key,
        name: step.name,
        phase: step.phase,
        run: async () =>
          step.run({
            ...services,
            subject: subjectOf(),
            queries: definition.queries,
            log: (message, level) => services.log(step.key, message, level),
          }),
      }));
    },
  };
}

function readInput<TSchema extends z.ZodType>(schema: TSchema, input: unknown): z.output<TSchema> {
  const parsed = schema.safeParse(input);
  // The step fails with this, and the run's log shows it: say which field, not a dump of the schema's internals.
  if (!parsed.success)
    throw new Error(`the run's input cannot be read: ${z.prettifyError(parsed.error).replaceAll("\n", " ")}`);
  return parsed.data;
}
