import { z } from "zod";
import { idSchema } from "@/lib/http/schemas";

/** `?cursor=<id>&limit=<n>`: keyset pagination over uuid v7 ids, which sort by creation time. */
export const PaginationSchema = z.object({
  cursor: idSchema("cursor must be the nextCursor of a previous page").optional(),
  limit: z.coerce.number({ error: "limit must be a number" }).int("limit must be a whole number").min(1, "limit must be at least 1").max(200, "limit must be at most 200").default(50),
});
export type Pagination = z.infer<typeof PaginationSchema>;

export interface Page<T> {
  data: T[];
  /** Pass as `cursor` to get the next page; null on the last page. */
  nextCursor: string | null;
}

/** Prisma arguments for one page: one row more than asked, to know whether another page follows. */
export function pageArgs(page: Pagination) {
  return {
    where: page.cursor ? { id: { gt: page.cursor } } : {},
    orderBy: { id: "asc" as const },
    take: page.limit + 1,
  };
}

export function toPage<R extends { id: string }, T>(rows: R[], page: Pagination, serialize: (row: R) => T): Page<T> {
  const hasMore = rows.length > page.limit;
  const kept = hasMore ? rows.slice(0, page.limit) : rows;
  return { data: kept.map(serialize), nextCursor: hasMore ? (kept[kept.length - 1]?.id ?? null) : null };
}
