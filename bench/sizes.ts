/**
 * The scales the benchmark runs at. L is PRODUCT.md's "scale we design for", exactly; XL is ten times L, to show how
 * the whole-cycle reads grow past it (about ten million check-ins: generate it only when that is the question).
 */
export type SizeName = "S" | "M" | "L" | "XL";

export interface Size {
  name: SizeName;
  people: number;
  teams: number;
  /** Objectives and key results of the active cycle; the closed cycle before it holds about a third as many. */
  objectives: number;
  keyResults: number;
}

export const SIZES: Record<SizeName, Size> = {
  S: { name: "S", people: 200, teams: 30, objectives: 400, keyResults: 1_200 },
  M: { name: "M", people: 2_000, teams: 300, objectives: 4_000, keyResults: 12_000 },
  L: { name: "L", people: 10_000, teams: 1_500, objectives: 20_000, keyResults: 60_000 },
  XL: { name: "XL", people: 100_000, teams: 15_000, objectives: 200_000, keyResults: 600_000 },
};

/** Weekly check-ins per key result: the active cycle has had twelve weeks so far, the closed one all thirteen. */
export const ACTIVE_CHECK_IN_WEEKS = 12;
export const CLOSED_CHECK_IN_WEEKS = 13;
export const CYCLE_WEEKS = 13;

/** The closed cycle's share of the active cycle's objectives and key results. */
export const CLOSED_CYCLE_SHARE = 1 / 3;

/** "Today" inside the data: a Wednesday in the thirteenth and last week of the active cycle. */
export const DEFAULT_TODAY = "2026-11-25";
export const DEFAULT_SEED = 42;

/** Every generated person signs in with this password. */
export const BENCH_PASSWORD = "keel-bench-2026";

export function parseSize(value: string | undefined): Size {
  const name = (value ?? "S").toUpperCase();
  if (!(name in SIZES)) throw new Error(`--size must be ${Object.keys(SIZES).join(", ")} (got ${value})`);
  return SIZES[name as SizeName];
}

/**
 * The bench databases are named after their size so S, M and L can live side by side; KEEL_BENCH_DB_PREFIX lets two
 * checkouts share one Postgres server without regenerating each other's data.
 */
export function benchDatabaseName(size: Size): string {
  return `${process.env.KEEL_BENCH_DB_PREFIX ?? "keel_bench"}_${size.name.toLowerCase()}`;
}
