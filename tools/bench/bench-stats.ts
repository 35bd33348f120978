/** The p-th percentile (0–100) by nearest rank: a value that was measured, never an interpolation. */
export function percentile(values: readonly number[], p: number): number {
  if (!values.length) throw new Error("no measurements");
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export const median = (values: readonly number[]) => percentile(values, 50);

export async function timed(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

/** Milliseconds to one decimal: enough for a figure a target is checked against. */
export const ms = (value: number) => Math.round(value * 10) / 10;
