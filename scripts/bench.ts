// npm run bench [-- --rows N] [--rounds N] [name ...]
// Prints ONE JSON object of named measurements on stdout ({ "ingestEmailEvents": { ... }, ... }); logs go to
// stderr. Each benchmark runs on its own throw-away database on DATABASE_URL's server, or on the embedded one.
import { parseArgs } from "node:util";
import { withDatabase } from "./lib/database";

async function main() {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { rows: { type: "string", default: "100000" }, rounds: { type: "string", default: "3" } },
  });
  for (const option of ["rows", "rounds"] as const) {
    if (!/^\d+$/.test(values[option]) || Number(values[option]) < 1)
      throw new Error(`--${option} must be a whole number ≥ 1, got "${values[option]}"`);
  }
  const log = (message: string) => console.error(message);
  // Benchmarks build million-row tenants in single statements: the app's 60 s statement limit is not for them.
  process.env.DATABASE_STATEMENT_TIMEOUT_MS ??= "0";

  // Imported once the database is chosen: the Prisma client reads DATABASE_URL when first used.
  const { BENCHMARKS } = await import("../tools/bench/benchmarks");
  const { withThrowawayDatabase } = await import("../tools/bench/bench-database");
  const unknown = positionals.filter((name) => !Object.hasOwn(BENCHMARKS, name));
  if (unknown.length)
    throw new Error(`unknown benchmark ${unknown.join(", ")}: known ones are ${Object.keys(BENCHMARKS).join(", ")}`);
  const names = positionals.length ? positionals : Object.keys(BENCHMARKS);

  const { dropPhishTenantCopies } = await import("../tools/bench/phish-tenant");
  const results = await withDatabase(async (serverUrl) => {
    const measured: Record<string, object> = {};
    try {
      for (const name of names) {
        log(`bench: ${name}`);
        const context = { rows: Number(values.rows), rounds: Number(values.rounds), log };
        measured[name] = await withThrowawayDatabase(serverUrl, (databaseUrl) =>
          BENCHMARKS[name]({ ...context, databaseUrl }),
        );
      }
    } finally {
      await dropPhishTenantCopies(serverUrl);
    }
    return measured;
  });
  process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
