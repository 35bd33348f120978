// npm run simulate -- <scenario> [--seed N] [--days N] [--mailboxes N] [--now ISO-DATE] [--recipients N] [--no-report]
//   [--submission HOST:PORT] (phish-campaign with the reporting mailbox on: where the reporter logs in to forward it)
// Prints the scenario's JSON summary on stdout; progress and errors go to stderr.
import { parseArgs } from "node:util";
import { errorText } from "../src/lib/error-text";
import { withDatabase } from "./lib/database";

const USAGE =
  "usage: npm run simulate -- <scenario> [--seed N] [--days N] [--mailboxes N] [--now 2025-01-31] [--recipients N] [--no-report] [--submission 127.0.0.1:2587]";

function wholeNumber(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new Error(`--${name} must be a whole number, got "${value}"`);
  return Number(value);
}

function submissionService(value: string | undefined): { host: string; port: number } | undefined {
  if (value === undefined) return undefined;
  const match = /^([A-Za-z0-9.-]+):(\d{1,5})$/.exec(value);
  if (!match || Number(match[2]) < 1 || Number(match[2]) > 65535)
    throw new Error(`--submission must be HOST:PORT, got "${value}"`);
  return { host: match[1], port: Number(match[2]) };
}

async function main() {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      seed: { type: "string" },
      days: { type: "string" },
      mailboxes: { type: "string" },
      now: { type: "string" },
      recipients: { type: "string" },
      "no-report": { type: "boolean" },
      submission: { type: "string" },
    },
  });
  if (positionals.length > 1) throw new Error(`one scenario at a time, got: ${positionals.join(" ")}`);
  const now = values.now === undefined ? undefined : new Date(values.now);
  if (now && Number.isNaN(now.getTime())) throw new Error(`--now must be a date, got "${values.now}"`);
  const options = {
    seed: wholeNumber("seed", values.seed),
    days: wholeNumber("days", values.days),
    mailboxes: wholeNumber("mailboxes", values.mailboxes),
    now,
    recipients: wholeNumber("recipients", values.recipients),
    report: values["no-report"] ? false : undefined,
    submission: submissionService(values.submission),
  };

  // Imported after the database is chosen: the Prisma client reads DATABASE_URL when first used.
  const { findScenario } = await import("../src/server/simulator/scenarios");
  const scenario = findScenario(positionals[0]);
  const definedOptions = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
  const summary = await withDatabase(async () => {
    const started = performance.now();
    // Scenarios raise alerts under the built-in policies, which a database that never ran `npm start` lacks.
    const { ensureBuiltIns } = await import("../src/server/bootstrap/bootstrap");
    await ensureBuiltIns();
    const result = await scenario(definedOptions);
    const { stopQueue } = await import("../src/server/engine/queue");
    await stopQueue();
    console.error(`simulate ${positionals[0]}: done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    const { disconnectPrisma } = await import("../src/server/db");
    await disconnectPrisma();
    return result;
  });
  process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
}

main().catch((error: unknown) => {
  console.error(errorText(error));
  console.error(USAGE);
  process.exit(1);
});
