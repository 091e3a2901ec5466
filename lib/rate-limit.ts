import "server-only";
import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";

/**
 * A fixed-window counter in Postgres, so every app server sees the same count.
 * Returns the count in the current window after this hit.
 */
export async function hitRateLimit(key: string, windowSeconds: number): Promise<number> {
  const rows = await db.$queryRaw<{ count: number }[]>`
    INSERT INTO rate_limits (key, count, window_start) VALUES (${key}, 1, now())
    ON CONFLICT (key) DO UPDATE SET
      count = CASE WHEN rate_limits.window_start < now() - make_interval(secs => ${windowSeconds}) THEN 1 ELSE rate_limits.count + 1 END,
      window_start = CASE WHEN rate_limits.window_start < now() - make_interval(secs => ${windowSeconds}) THEN now() ELSE rate_limits.window_start END
    RETURNING count`;
  return rows[0]?.count ?? 1;
}

export async function enforceRateLimit(key: string, limit: number, windowSeconds: number): Promise<void> {
  const count = await hitRateLimit(key, windowSeconds);
  if (count > limit) {
    throw new AppError("rate_limited", `Too many attempts; try again in ${Math.ceil(windowSeconds / 60)} minutes`);
  }
}
