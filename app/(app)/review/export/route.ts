import { z } from "zod";
import { operation } from "@/lib/api/contract";
import { defineRoute } from "@/lib/http/route";
import { REVIEW_EXPORT_SECTIONS, reviewCsvResponse } from "@/lib/review/export";
import { idSchema } from "@/lib/http/schemas";

const Query = z.object({
  cycle: idSchema("cycle must be a cycle id"),
  since: z.string().optional(),
  team: z.string().optional(),
  section: z.enum(REVIEW_EXPORT_SECTIONS, { error: "section must be key-results, teams or changes" }).default("key-results"),
});

/** The review as CSV, for spreadsheets and for the record: a page's download, not part of API v1. */
const reviewExport = operation({
  operationId: "exportReview",
  method: "GET",
  path: "/review/export",
  tag: "Review",
  summary: "The review as CSV",
  permission: "objective.read",
  query: Query,
});

export const GET = defineRoute(reviewExport, async ({ actor, query }) => reviewCsvResponse(actor.orgId, query));
