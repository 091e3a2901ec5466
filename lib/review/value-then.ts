import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";

/**
 * `then_v.value` and `then_v.confidence`: what key result `k` stood at just before `since`, from the latest version
 * saved before that moment of its latest check-in made before it. Two indexed lookups per key result, skipped where
 * `onlyWhen` (a condition on `k`) is false.
 */
export function valueThenJoin(since: Date, onlyWhen: Prisma.Sql = Prisma.sql`true`): Prisma.Sql {
  return Prisma.sql`
    LEFT JOIN LATERAL (
      SELECT v.value, v.confidence FROM check_ins c
      JOIN LATERAL (SELECT v.value, v.confidence FROM check_in_versions v WHERE v.check_in_id = c.id AND v.created_at < ${since} ORDER BY v.version DESC LIMIT 1) v ON true
      WHERE c.key_result_id = k.id AND c.created_at < ${since} AND ${onlyWhen}
      ORDER BY c.week DESC LIMIT 1
    ) then_v ON true`;
}
