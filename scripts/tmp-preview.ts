import { ensureDatabase } from "../src/server/db/databases";
import { applyMigrations } from "../src/server/db/schema-engine";
const url = "postgresql://postgres@127.0.0.1:5432/bw_preview";
process.env.DATABASE_URL = url;
process.env.DATABASE_STATEMENT_TIMEOUT_MS = "0";
const mode = process.argv[2];
if (mode === "load") {
  await ensureDatabase(url);
  await applyMigrations(url);
  const { benchActionPreview } = await import("../src/server/bench/bench-action-preview");
  console.log(await benchActionPreview({ databaseUrl: url, rows: 1_000_000, rounds: 5, log: console.error }));
} else {
  const { previewAction } = await import("../src/server/actions/preview-action");
  const { prisma } = await import("../src/server/db");
  const action = await prisma.action.findFirstOrThrow({ where: { dedupKey: "bench-preview" } });
  for (let i = 0; i < 8; i++) { const t = performance.now(); await previewAction(action.id); console.log((performance.now() - t).toFixed(0)); }
}
process.exit(0);
