/**
 * lib/progress in SQL, for the review's roll-ups and "then" values, which Postgres works out so that Node receives one
 * row per team or objective shown rather than every key result of the cycle.
 *
 * The page has always shown JavaScript numbers made by Decimal.js (40 significant digits, then `toNumber()`), and an
 * objective's progress then was the weighted mean of its key results' progress *as JavaScript numbers*. The same
 * numbers come out here, not merely close ones, so that a movement rounded to one decimal or a tie between two movers
 * never reads differently: divisions keep 40 decimals (`exactDiv`), `asNumber` is `toNumber()`, and `asNumberDecimal`
 * is the decimal that number prints as (Postgres and JavaScript both print a double's shortest exact digits, given
 * extra_float_digits = 1, which lib/db/read.ts `readTransaction` sets). lib/review/progress-sql.test.ts holds both sides
 * to each other on generated data.
 *
 * Only column names and SQL expressions go in; values never do (they are bind parameters of the caller's query).
 */

/** Decimals a division keeps: more than Decimal.js' 40 significant digits hold for any progress value. */
const DIVISION_SCALE = 40;

export interface MeasureSql {
  type: string;
  direction: string;
  start: string;
  target: string;
}

/** `a / b` with DIVISION_SCALE decimals (Postgres would otherwise keep about 16 significant digits). */
export const exactDiv = (a: string, b: string) => `(round(${a}, ${DIVISION_SCALE}) / ${b})`;

/** The JavaScript number a decimal becomes (`Decimal#toNumber()`, `Number(text)`): correctly rounded to a double. */
export const asNumber = (x: string) => `(${x})::float8`;

/** The decimal a JavaScript number stands for when Decimal.js reads it back (`dec(number)` reads `number.toString()`). */
export const asNumberDecimal = (x: string) => `(${x})::float8::text::numeric`;

const clamp = (raw: string) => `least(greatest(${raw}, 0), 100)`;

/**
 * Progress 0-100 of a key result at `value`, as an exact decimal: lib/progress/key-result.ts `keyResultProgress`.
 * Yes/no and thresholds are met or not; milestones count against the target; increase and decrease are the share of
 * the way from start to target, clamped, and a span that is not positive (refused by validation, kept by old rows) is
 * met or not.
 */
export function keyResultProgressSql(kr: MeasureSql, value: string): string {
  const { type, direction, start, target } = kr;
  return `(CASE
    WHEN ${type} = 'yes_no' THEN CASE WHEN ${value} >= 1 THEN 100 ELSE 0 END
    WHEN ${type} = 'milestone' THEN CASE WHEN ${target} <= 0 THEN 0 ELSE ${clamp(`${exactDiv(value, target)} * 100`)} END
    WHEN ${direction} = 'keep_above' THEN CASE WHEN ${value} - ${target} >= 0 THEN 100 ELSE 0 END
    WHEN ${direction} = 'keep_below' THEN CASE WHEN ${target} - ${value} >= 0 THEN 100 ELSE 0 END
    WHEN ${direction} = 'increase' THEN CASE WHEN ${target} - ${start} <= 0 THEN CASE WHEN ${value} >= ${target} THEN 100 ELSE 0 END
      ELSE ${clamp(`${exactDiv(`${value} - ${start}`, `(${target} - ${start})`)} * 100`)} END
    ELSE CASE WHEN ${start} - ${target} <= 0 THEN CASE WHEN ${value} <= ${target} THEN 100 ELSE 0 END
      ELSE ${clamp(`${exactDiv(`${start} - ${value}`, `(${start} - ${target})`)} * 100`)} END
  END)::numeric`;
}

/**
 * An objective's progress from rows of (progress, weight): lib/progress/rollup.ts `weightedMean` as an aggregate.
 * Weights of zero or less do not count; no weight at all is 0. `filter` narrows the rows (an SQL condition, or "true").
 */
export function weightedMeanSql(progress: string, weight: string, filter = "true"): string {
  const where = `(${filter}) AND ${weight} > 0`;
  return `coalesce(${exactDiv(`sum(${progress} * ${weight}) FILTER (WHERE ${where})`, `nullif(sum(${weight}) FILTER (WHERE ${where}), 0)`)}, 0)`;
}

/** A mean of `count` values summing to `sum`, 0 for none: lib/progress/rollup.ts `rollUpTeams` and `organizationProgress`. */
export const meanSql = (sum: string, count: string) => `CASE WHEN ${count} > 0 THEN ${exactDiv(sum, count)} ELSE 0 END`;
