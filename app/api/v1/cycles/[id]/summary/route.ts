import { isoDate } from "@/lib/dates/week";
import { defineRoute } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/methods";
import { IdParamsSchema } from "@/lib/http/schemas";
import { getCycleSummary } from "@/lib/scoring/queries";
import { CycleSummaryQuerySchema } from "@/lib/scoring/schemas";

/** The cycle's scores, averages by team and kind, retrospectives (paged, `?teamId=&cursor=`) and abandoned objectives. */
export const GET = defineRoute({
  permission: "cycle.read",
  params: IdParamsSchema,
  query: CycleSummaryQuerySchema,
  run: async ({ actor, params, query }) => {
    const summary = await getCycleSummary(actor.orgId, params.id, query);
    const { cycle } = summary;
    return {
      ...summary,
      cycle: {
        id: cycle.id,
        name: cycle.name,
        state: cycle.state,
        startDate: isoDate(cycle.startDate),
        endDate: isoDate(cycle.endDate),
        closedAt: cycle.closedAt?.toISOString() ?? null,
        summary: cycle.summary ?? "",
      },
    };
  },
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
