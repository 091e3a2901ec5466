import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { asNumber, asNumberDecimal, keyResultProgressSql } from "./progress-sql";

/**
 * `then_v.value` and `then_v.confidence`: what key result `k` stood at just before `since`, from the latest version
 * saved before that moment of its latest check-in made before it. Two indexed lookups per key result that moved
 * since; one that did not stood then where it stands now, so it is not looked up.
 */
export function valueThenJoin(since: Date): Prisma.Sql {
  return Prisma.sql`
    LEFT JOIN LATERAL (
      SELECT v.value, v.confidence FROM check_ins c
      JOIN LATERAL (SELECT v.value, v.confidence FROM check_in_versions v WHERE v.check_in_id = c.id AND v.created_at < ${since} ORDER BY v.version DESC LIMIT 1) v ON true
      WHERE c.key_result_id = k.id AND c.created_at < ${since} AND ${movedSince(since)}
      ORDER BY c.week DESC LIMIT 1
    ) then_v ON true`;
}

/** Whether key result `k` can have moved since the date: checked in or created since. */
export function movedSince(since: Date): Prisma.Sql {
  return Prisma.sql`coalesce(k.last_check_in_at >= ${since} OR k.created_at >= ${since}, false)`;
}

const SEVERITY = (c: string) => `CASE ${c} WHEN 'on_track' THEN 0 WHEN 'at_risk' THEN 1 WHEN 'off_track' THEN 2 END`;

/**
 * lib/review/changes.ts `keyResultChanges` in SQL, over a row `m` with the key result's measure (type, direction,
 * start_value, target_value), progress, confidence, is_new, moved, then_value and then_confidence. A key result that did
 * not move stood then where it stands now; a new one was nowhere; the rest are measured again at their value then (or
 * their start), against today's start and target. `then_js` is the decimal of the JavaScript number progress then was.
 */
export function changeColumns(m: string): Prisma.Sql {
  const measure = { type: `${m}.type`, direction: `${m}.direction`, start: `${m}.start_value`, target: `${m}.target_value` };
  return Prisma.raw(`
    CASE WHEN NOT ${m}.moved THEN ${m}.progress WHEN ${m}.is_new THEN 0
         ELSE ${asNumberDecimal(keyResultProgressSql(measure, `coalesce(${m}.then_value, ${m}.start_value)`))} END AS then_js,
    CASE WHEN ${m}.moved THEN ${m}.then_confidence ELSE ${m}.confidence END AS then_confidence_shown,
    CASE WHEN NOT ${m}.moved OR ${m}.then_confidence IS NULL OR ${m}.confidence IS NULL OR ${m}.then_confidence = ${m}.confidence THEN 0
         WHEN ${SEVERITY(`${m}.confidence`)} > ${SEVERITY(`${m}.then_confidence`)} THEN -1 ELSE 1 END AS trend`);
}

/** Progress then and now and the change, as the JavaScript numbers keyResultChanges gave, from `changeColumns` of `c`. */
export function changeNumbers(c: string): Prisma.Sql {
  return Prisma.raw(`${asNumber(`${c}.then_js`)} AS progress_then, ${asNumber(`${c}.progress`)} AS progress_now, ${asNumber(`${c}.progress - ${c}.then_js`)} AS delta`);
}
