import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";

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
