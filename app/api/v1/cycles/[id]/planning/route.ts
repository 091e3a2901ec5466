import { isoDate } from "@/lib/dates/week";
import { defineRoute } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/methods";
import * as operations from "@/lib/api/operations";
import { loadPlanningChecklist } from "@/lib/planning/queries";

/** The cycle's planning check, as the planning page shows it. */
export const GET = defineRoute(operations.cyclePlanning, async ({ actor, params }) => {
  const { cycle, focus, ...checklist } = await loadPlanningChecklist(actor, params.id);
  return {
    ...checklist,
    cycle: { id: cycle.id, name: cycle.name, state: cycle.state, startDate: isoDate(cycle.startDate), endDate: isoDate(cycle.endDate) },
    focus: {
      limits: focus.limits,
      teams: focus.teams.map((t) => ({ teamId: t.teamId, name: t.name ?? null, count: t.count, limit: t.limit })),
      objectives: focus.objectives.map((o) => ({ objectiveId: o.objectiveId, title: o.title ?? null, count: o.count, limit: o.limit })),
      people: focus.people.map((p) => ({ userId: p.userId, name: p.name ?? null, count: p.count, limit: p.limit })),
    },
  };
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
