import "server-only";
import { benchIngestEmailEvents } from "./bench-ingest-email-events";
import { benchInvestigationBurst } from "./bench-investigation-burst";
import type { Benchmark } from "./bench.types";

export const BENCHMARKS: Record<string, Benchmark> = {
  ingestEmailEvents: benchIngestEmailEvents,
  investigationBurst: benchInvestigationBurst,
};
