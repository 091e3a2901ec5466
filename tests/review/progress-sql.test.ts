import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/prisma";
import { Prisma } from "@/lib/generated/prisma/client";
import { readTransaction } from "@/lib/db/read";
import { dec, Decimal, keyResultProgress, organizationProgress, weightedMean, type Direction, type KeyResultType } from "@/lib/progress";
import { asNumber, asNumberDecimal, keyResultProgressSql, meanSql, weightedMeanSql } from "@/lib/review/progress-sql";

/**
 * The review's SQL maths (lib/review/progress-sql.ts) against lib/progress on generated key results: the same JavaScript
 * numbers, not merely close ones, or a movement rounded to one decimal could read differently on the page than it did.
 * Each side gets what it gets in Keel: Postgres the decimals as stored, and its answers back through JSON.
 */

// Values with up to four decimals, as the database stores them.
const amount = fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }).map((n) => new Decimal(n).dividedBy(10_000).toString());
const small = fc.integer({ min: -2_000_000, max: 2_000_000 }).map((n) => new Decimal(n).dividedBy(10_000).toString());
const weight = fc.integer({ min: 0, max: 10_000 }).map((n) => new Decimal(n).dividedBy(1_000).toString());

interface Measure {
  type: KeyResultType;
  direction: Direction;
  start: string;
  target: string;
  value: string;
}

const DIRECTIONS: Direction[] = ["increase", "decrease", "keep_above", "keep_below"];

/** Key results of every type and direction, including legacy ones whose target is on the wrong side of the start. */
const measure: fc.Arbitrary<Measure> = fc.oneof(
  fc.record({ type: fc.constantFrom<KeyResultType>("number", "percent", "currency"), direction: fc.constantFrom(...DIRECTIONS), start: fc.oneof(amount, small), target: fc.oneof(amount, small), value: fc.oneof(amount, small) }),
  fc.record({ start: small, span: fc.integer({ min: 1, max: 3_000_000 }), at: fc.integer({ min: -500, max: 1_500 }), down: fc.boolean() }).map(({ start, span, at, down }) => {
    // A value on the way from start to target (or a little beyond), where the share is not a round number.
    const s = new Decimal(start);
    const step = new Decimal(span).dividedBy(10_000);
    const target = down ? s.minus(step) : s.plus(step);
    const value = s.plus(step.times(at).dividedBy(1_000).toDecimalPlaces(4).times(down ? -1 : 1));
    return { type: "number" as const, direction: down ? ("decrease" as const) : ("increase" as const), start, target: target.toString(), value: value.toString() };
  }),
  fc.record({ target: fc.integer({ min: 0, max: 12 }), value: fc.integer({ min: 0, max: 15 }) }).map(({ target, value }) => ({ type: "milestone" as const, direction: "increase" as const, start: "0", target: String(target), value: String(value) })),
  fc.integer({ min: -1, max: 2 }).map((value) => ({ type: "yes_no" as const, direction: "increase" as const, start: "0", target: "1", value: String(value) })),
);

const MEASURE_COLUMNS = { type: "m.type", direction: "m.direction", start: "m.start_value", target: "m.target_value" };
const progressOf = (m: Measure) => keyResultProgress({ type: m.type, direction: m.direction, start: m.start, target: m.target, current: m.value }).progress;

/** Runs `select` (an SQL expression list over `m`) for each row of measures, inside the review's read transaction. */
async function perMeasure<T>(rows: (Measure & { weight?: string; group?: number })[], select: string, groupBy = false): Promise<T[]> {
  const column = <K extends keyof (typeof rows)[number]>(key: K, fallback: string | number) => rows.map((r) => r[key] ?? fallback);
  const query = Prisma.sql`
    SELECT coalesce(json_agg(r ORDER BY r.i), '[]')::text AS payload FROM (
      SELECT ${Prisma.raw(groupBy ? "m.grp AS i" : "m.i")}, ${Prisma.raw(select)}
        FROM unnest(${column("type", "")}::text[], ${column("direction", "")}::text[], ${column("start", "")}::numeric[], ${column("target", "")}::numeric[],
                    ${column("value", "")}::numeric[], ${column("weight", "1")}::numeric[], ${column("group", 0)}::int[])
             WITH ORDINALITY AS m(type, direction, start_value, target_value, value, weight, grp, i)
       ${Prisma.raw(groupBy ? "GROUP BY m.grp" : "")}) r`;
  const [row] = await readTransaction(db, (tx) => tx.$queryRaw<{ payload: string }[]>(query));
  return JSON.parse(row!.payload) as T[];
}

describe("key-result progress in SQL", () => {
  it("gives every type and direction the number lib/progress gives, and the same decimal back", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(measure, { minLength: 1, maxLength: 200 }), async (measures) => {
        const rows = await perMeasure<{ progress: number; text: string }>(
          measures,
          `${asNumber(keyResultProgressSql(MEASURE_COLUMNS, "m.value"))} AS progress, ${asNumberDecimal(keyResultProgressSql(MEASURE_COLUMNS, "m.value"))}::text AS text`,
        );
        measures.forEach((m, i) => {
          const expected = progressOf(m).toNumber();
          expect(rows[i]!.progress, JSON.stringify(m)).toBe(expected);
          // What Decimal.js reads back from that number: the objective's mean is taken over these.
          expect(dec(rows[i]!.text).equals(dec(expected)), JSON.stringify(m)).toBe(true);
        });
      }),
      { numRuns: 25 },
    );
  });

  it("knows the table of cases the page shows", async () => {
    const table: [Measure, number][] = [
      [{ type: "number", direction: "increase", start: "0", target: "40", value: "10" }, 25],
      [{ type: "number", direction: "increase", start: "0.1", target: "0.4", value: "0.3" }, 66.66666666666667],
      [{ type: "number", direction: "decrease", start: "480", target: "250", value: "365" }, 50],
      [{ type: "number", direction: "increase", start: "10", target: "20", value: "5" }, 0],
      [{ type: "number", direction: "increase", start: "0", target: "20", value: "25" }, 100],
      [{ type: "percent", direction: "keep_above", start: "99.9", target: "99.95", value: "99.97" }, 100],
      [{ type: "number", direction: "keep_below", start: "15", target: "12", value: "13.5" }, 0],
      [{ type: "milestone", direction: "increase", start: "0", target: "3", value: "1" }, 33.333333333333336],
      [{ type: "milestone", direction: "increase", start: "0", target: "0", value: "1" }, 0],
      [{ type: "yes_no", direction: "increase", start: "0", target: "1", value: "1" }, 100],
      [{ type: "number", direction: "increase", start: "5", target: "5", value: "5" }, 100],
      [{ type: "number", direction: "decrease", start: "5", target: "8", value: "9" }, 0],
    ];
    const rows = await perMeasure<{ progress: number }>(
      table.map(([m]) => m),
      `${asNumber(keyResultProgressSql(MEASURE_COLUMNS, "m.value"))} AS progress`,
    );
    expect(rows.map((r) => r.progress)).toEqual(table.map(([, p]) => p));
    expect(table.map(([m]) => progressOf(m).toNumber())).toEqual(table.map(([, p]) => p));
  });
});

describe("objective and team progress in SQL", () => {
  it("takes an objective's weighted mean of its key results' numbers as lib/progress does, and the change between two such means", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(fc.record({ m: measure, weight, then: fc.oneof(amount, small) }), { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 30 }), async (objectives) => {
        const rows = objectives.flatMap((krs, group) => krs.map(({ m, weight, then }) => ({ ...m, weight, group, then })));
        const progressNow = keyResultProgressSql(MEASURE_COLUMNS, "m.value");
        // "Then" here is the same key result at its start value: another exact progress to take a mean over.
        const progressThen = keyResultProgressSql(MEASURE_COLUMNS, "m.start_value");
        const now = weightedMeanSql(asNumberDecimal(progressNow), "m.weight");
        const then = weightedMeanSql(asNumberDecimal(progressThen), "m.weight");
        const result = await perMeasure<{ now: number; then: number; delta: number }>(
          rows,
          `${asNumber(now)} AS now, ${asNumber(then)} AS then, ${asNumber(`${asNumberDecimal(now)} - ${asNumberDecimal(then)}`)} AS delta`,
          true,
        );
        objectives.forEach((krs, i) => {
          const jsNow = weightedMean(krs.map(({ m, weight }) => ({ progress: progressOf(m).toNumber(), weight }))).toNumber();
          const jsThen = weightedMean(krs.map(({ m, weight }) => ({ progress: progressOf({ ...m, value: m.start }).toNumber(), weight }))).toNumber();
          expect(result[i], JSON.stringify(krs)).toEqual({ i, now: jsNow, then: jsThen, delta: dec(jsNow).minus(jsThen).toNumber() });
        });
      }),
      { numRuns: 15 },
    );
  });

  it("takes a team's mean of its objectives' stored progress as lib/progress does", async () => {
    const stored = fc.integer({ min: 0, max: 1_000_000 }).map((n) => new Decimal(n).dividedBy(10_000).toString());
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(stored, { maxLength: 40 }), { minLength: 1, maxLength: 20 }), async (teams) => {
        const rows = teams.flatMap((progress, group) => (progress.length ? progress : ["0"]).map((value) => ({ type: "number" as const, direction: "increase" as const, start: "0", target: "1", value, group, weight: progress.length ? "1" : "0" })));
        const result = await perMeasure<{ mean: number }>(rows, `${asNumber(meanSql("sum(m.value) FILTER (WHERE m.weight > 0)", "count(*) FILTER (WHERE m.weight > 0)"))} AS mean`, true);
        teams.forEach((progress, i) => {
          expect(result[i]!.mean, progress.join(",")).toBe(organizationProgress(progress.map((p) => ({ teamId: null, progress: p, isCounted: true }))).toNumber());
        });
      }),
      { numRuns: 20 },
    );
  });
});
