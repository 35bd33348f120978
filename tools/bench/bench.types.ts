export type BenchContext = {
  /** A fresh, migrated database that the app's Prisma client already points at. */
  databaseUrl: string;
  /** How many rows a benchmark should write, where that means something. */
  rows: number;
  /** How many times to repeat a measurement; results are medians. */
  rounds: number;
  log: (message: string) => void;
};

/** A named measurement: `npm run bench` runs each on its own fresh database and prints `{ name: result }`. */
export type Benchmark = (context: BenchContext) => Promise<Record<string, number | string>>;
