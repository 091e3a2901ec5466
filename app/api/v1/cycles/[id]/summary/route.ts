import { isoDate } from "@/lib/dates/week";
import * as operations from "@/lib/api/operations";
import { defineRoute } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/methods";
import { getCycleSummary } from "@/lib/scoring/queries";

/** The cycle's scores, averages by team and kind, retrospectives (paged, `?teamId=&cursor=`) and abandoned objectives. */
export const GET = defineRoute(operations.cycleSummary, async ({ actor, params, query }) => {
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
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
