import { z } from "zod";
import { db } from "@/lib/db/prisma";
import { isoDate } from "@/lib/dates/week";
import { notFound } from "@/lib/errors";
import { defineRoute } from "@/lib/http/route";
import { keyResultsCsv, teamsCsv } from "@/lib/review/export";
import { parseReviewParams } from "@/lib/review/params";

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
  run: async ({ actor, query }) => {
    const cycle = await db.cycle.findFirst({ where: { id: query.cycle, organizationId: actor.orgId }, select: { id: true, name: true, state: true, startDate: true, endDate: true } });
    if (!cycle) throw notFound("That cycle");
    const { since, teamId } = parseReviewParams({ since: query.since, team: query.team }, cycle, new Date());
    let scope: string[] | null = null;
    if (teamId) {
      const rows = await db.$queryRaw<{ id: string }[]>`
        WITH RECURSIVE sub AS (
          SELECT id FROM teams WHERE id = ${teamId}::uuid AND organization_id = ${actor.orgId}::uuid
          UNION SELECT t.id FROM teams t JOIN sub ON t.parent_id = sub.id WHERE t.organization_id = ${actor.orgId}::uuid
        ) SELECT id::text FROM sub`;
      if (!rows.length) throw notFound("That team");
      scope = rows.map((r) => r.id);
    }
    const filename = `keel-review-${cycle.name.replace(/[^\w-]+/g, "-")}-since-${isoDate(since)}-${query.section}.csv`;
    const headers = { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${filename}"`, "cache-control": "private, no-store" };
    if (query.section === "teams") return new Response(await teamsCsv(actor.orgId, cycle, since, teamId), { headers });
    return new Response(keyResultsCsv(actor.orgId, cycle, since, scope), { headers });
  },
});
