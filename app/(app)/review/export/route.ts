import { z } from "zod";
import { defineRoute } from "@/lib/http/route";
import { reviewCsvResponse } from "@/lib/review/export";

const Query = z.object({
  cycle: z.uuid({ error: "cycle must be a cycle id" }),
  since: z.string().optional(),
  team: z.string().optional(),
  section: z.enum(["key-results", "teams"], { error: "section must be key-results or teams" }).default("key-results"),
});

/** The review as CSV, for spreadsheets and for the record. */
export const GET = defineRoute({
  permission: "objective.read",
  query: Query,
  run: async ({ actor, query }) => reviewCsvResponse(actor.orgId, query),
});
