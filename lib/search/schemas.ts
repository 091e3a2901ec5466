import { z } from "zod";
import { idSchema, safeString } from "@/lib/http/schemas";

export const SearchQuerySchema = z.object({
  q: safeString({ error: "q is the text to search for" }).trim().min(1, "Type something to search for").max(100, "q is at most 100 characters"),
  limit: z.coerce.number({ error: "limit must be a number" }).int("limit must be a whole number").min(1, "limit must be at least 1").max(20, "limit must be at most 20").default(5),
  cycleId: idSchema("cycleId must be a cycle id").optional(),
});
export type SearchQuery = z.output<typeof SearchQuerySchema>;

/** `%`, `_` and the escape character itself match literally: a search for "50%" finds "50%", not "50 anything". */
export function likePattern(term: string): { contains: string; prefix: string } {
  const escaped = term.replace(/[\\%_]/g, (c) => `\\${c}`);
  return { contains: `%${escaped}%`, prefix: `${escaped}%` };
}
