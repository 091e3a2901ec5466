import type pg from "pg";

/**
 * SQL the floors share. Where Keel derives a number in JavaScript (progress, a week-by-week series), its floor
 * derives the same number inside its one query, so the floor returns what the page shows rather than raw rows.
 */

/**
 * Runs one read with JIT compilation off. Postgres (jit = on by default) compiles any query it costs above
 * jit_above_cost; the whole-cycle reads are costed that high (row estimates through CTEs run to billions) and then
 * spend longer compiling than executing: at size L, 0.8 s on a 0.4 s tree query. Compiling is no part of getting the
 * data out, so the floors that would trigger it run without it, as Keel's own connections do (lib/db/prisma.ts opens
 * them with `-c jit=off`).
 */
export async function withoutJit<T>(client: pg.PoolClient, read: () => Promise<T>): Promise<T> {
  await client.query("SET jit = off");
  try {
    return await read();
  } finally {
    await client.query("RESET jit");
  }
}

/** Column references (or expressions) describing a key result's measure. */
export interface MeasureSql {
  type: string;
  direction: string;
  start: string;
  target: string;
}

const clamp = (raw: string) => `least(greatest(${raw}, 0), 100)`;

/**
 * Progress 0-100 of a key result at `value`, unrounded: lib/progress/key-result.ts (`keyResultProgress`) in SQL.
 * Yes/no and thresholds are met or not; milestones count against the target; increase and decrease are the share
 * of the way from start to target, clamped.
 */
export function progressSql(kr: MeasureSql, value: string): string {
  const { type, direction, start, target } = kr;
  return `(CASE
    WHEN ${type} = 'yes_no' THEN CASE WHEN ${value} >= 1 THEN 100 ELSE 0 END
    WHEN ${type} = 'milestone' THEN CASE WHEN ${target} <= 0 THEN 0 ELSE ${clamp(`${value} / ${target} * 100`)} END
    WHEN ${direction} = 'keep_above' THEN CASE WHEN ${value} >= ${target} THEN 100 ELSE 0 END
    WHEN ${direction} = 'keep_below' THEN CASE WHEN ${value} <= ${target} THEN 100 ELSE 0 END
    WHEN ${direction} = 'increase' THEN
      CASE WHEN ${target} - ${start} <= 0 THEN CASE WHEN ${value} >= ${target} THEN 100 ELSE 0 END ELSE ${clamp(`(${value} - ${start}) / (${target} - ${start}) * 100`)} END
    ELSE
      CASE WHEN ${start} - ${target} <= 0 THEN CASE WHEN ${value} <= ${target} THEN 100 ELSE 0 END ELSE ${clamp(`(${start} - ${value}) / (${start} - ${target}) * 100`)} END
  END)::numeric`;
}

/** Whether the value meets the target right now (`isMet` of keyResultProgress). */
export function isMetSql(kr: MeasureSql, value: string): string {
  const { type, direction, start, target } = kr;
  return `(CASE
    WHEN ${type} = 'yes_no' THEN ${value} >= 1
    WHEN ${type} = 'milestone' THEN ${target} > 0 AND ${value} >= ${target}
    WHEN ${direction} = 'keep_above' THEN ${value} >= ${target}
    WHEN ${direction} = 'keep_below' THEN ${value} <= ${target}
    WHEN ${direction} = 'increase' THEN CASE WHEN ${target} - ${start} <= 0 THEN ${value} >= ${target} ELSE ${progressSql(kr, value)} = 100 END
    ELSE CASE WHEN ${start} - ${target} <= 0 THEN ${value} <= ${target} ELSE ${progressSql(kr, value)} = 100 END
  END)`;
}

/** A decimal as Keel prints it (Prisma's Decimal#toString): no trailing zeros. */
export const decimalText = (column: string) => `trim_scale(${column})::text`;

/** A timestamp as JSON.stringify prints a Date. */
export const isoInstant = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** The Monday (a date) of the ISO week a date falls in: lib/dates/week.ts `mondayOf`. */
export const mondaySql = (date: string) => `date_trunc('week', (${date})::timestamp)::date`;

/**
 * CTEs `series_weeks`, `series_points` and `series`: for each objective id in the CTE `objectivesCte` (column `id`),
 * its progress week by week from its cycle's first week to the week of `untilDate` (a YYYY-MM-DD parameter, the UTC
 * date of "now") or the cycle's last week. Each key result counts with its latest check-in so far, its start value
 * before that; the week's progress is their weighted mean rounded to 4 decimals. lib/checkins/queries.ts
 * `objectiveProgressHistory` with lib/checkins/history.ts `objectiveProgressSeries`, in SQL.
 */
export function progressSeriesCtes(objectivesCte: string, orgParam: string, untilDate: string): string {
  const kr = { type: "kr.type", direction: "kr.direction", start: "kr.start_value", target: "kr.target_value" };
  return `
  series_weeks AS (
    SELECT so.id AS objective_id, w::date AS week
      FROM ${objectivesCte} so
      JOIN objectives o ON o.id = so.id AND o.organization_id = ${orgParam}
      JOIN cycles c ON c.id = o.cycle_id AND c.organization_id = o.organization_id
     CROSS JOIN LATERAL generate_series(${mondaySql("c.start_date")}::timestamp, least(${mondaySql(`${untilDate}::date`)}, ${mondaySql("c.end_date")})::timestamp, interval '1 week') w),
  series_points AS (
    SELECT sw.objective_id, sw.week, kr.weight, ${progressSql(kr, "coalesce(last.value, kr.start_value)")} AS progress
      FROM series_weeks sw
      JOIN key_results kr ON kr.objective_id = sw.objective_id AND kr.organization_id = ${orgParam}
      LEFT JOIN LATERAL (
        SELECT ci.value FROM check_ins ci
         WHERE ci.key_result_id = kr.id AND ci.organization_id = ${orgParam} AND ci.week <= sw.week
         ORDER BY ci.week DESC LIMIT 1) last ON true),
  series AS (
    SELECT sw.objective_id, sw.week,
           coalesce(round(sum(sp.progress * sp.weight) FILTER (WHERE sp.weight > 0) / nullif(sum(sp.weight) FILTER (WHERE sp.weight > 0), 0), 4), 0) AS progress
      FROM series_weeks sw
      LEFT JOIN series_points sp ON sp.objective_id = sw.objective_id AND sp.week = sw.week
     GROUP BY sw.objective_id, sw.week)`;
}

/** `series` as a JSON array of `{ week, progress }` for one objective, oldest week first. */
export const seriesJson = (objectiveId: string) =>
  `coalesce((SELECT json_agg(json_build_object('week', to_char(s.week, 'YYYY-MM-DD'), 'progress', s.progress) ORDER BY s.week) FROM series s WHERE s.objective_id = ${objectiveId}), '[]')`;
