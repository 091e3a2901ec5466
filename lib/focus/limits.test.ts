import { describe, expect, it } from "vitest";
import { focusWarnings, type FocusKeyResult, type FocusObjective } from "./limits";

const limits = { maxObjectivesPerTeam: 2, maxKeyResultsPerObjective: 3, maxKeyResultsPerPerson: 4 };

describe("focusWarnings", () => {
  it("flags teams over their objective limit, counting active and draft objectives only", () => {
    const objectives: FocusObjective[] = [
      { id: "o1", teamId: "platform", state: "active" },
      { id: "o2", teamId: "platform", state: "draft" },
      { id: "o3", teamId: "platform", state: "active" },
      { id: "o4", teamId: "sales", state: "active" },
      { id: "o5", teamId: "sales", state: "done" },
      { id: "o6", teamId: "sales", state: "abandoned" },
      { id: "o7", teamId: null, state: "active" },
    ];
    expect(focusWarnings({ limits, objectives, keyResults: [] }).teams).toEqual([{ teamId: "platform", count: 3, limit: 2 }]);
  });

  it("does not count personal objectives against their home team when the level is known", () => {
    const objectives: FocusObjective[] = [
      { id: "o1", teamId: "platform", state: "active", level: "team" },
      { id: "o2", teamId: "platform", state: "active", level: "personal" },
      { id: "o3", teamId: "platform", state: "active", level: "personal" },
    ];
    expect(focusWarnings({ limits, objectives, keyResults: [] }).teams).toEqual([]);
  });

  it("flags objectives with too many key results and people who own too many", () => {
    const objectives: FocusObjective[] = [
      { id: "big", teamId: "platform", state: "active" },
      { id: "small", teamId: "platform", state: "active" },
      { id: "finished", teamId: "platform", state: "done" },
    ];
    const keyResults: FocusKeyResult[] = [
      ...["ana", "ana", "ana", "ben"].map((ownerId) => ({ objectiveId: "big", ownerId })),
      ...["ana", "ana"].map((ownerId) => ({ objectiveId: "small", ownerId })),
      ...["ben", "ben", "ben", "ben", "ben"].map((ownerId) => ({ objectiveId: "finished", ownerId })),
    ];
    const warnings = focusWarnings({ limits, objectives, keyResults });
    expect(warnings.objectives).toEqual([{ objectiveId: "big", count: 4, limit: 3 }]);
    expect(warnings.people).toEqual([{ userId: "ana", count: 5, limit: 4 }]);
  });

  it("is silent at the limit and lists the worst first", () => {
    const objectives: FocusObjective[] = [
      ...["a1", "a2"].map((id) => ({ id, teamId: "at-limit", state: "active" })),
      ...["b1", "b2", "b3"].map((id) => ({ id, teamId: "over-by-one", state: "active" })),
      ...["c1", "c2", "c3", "c4", "c5"].map((id) => ({ id, teamId: "over-by-three", state: "active" })),
    ];
    const warnings = focusWarnings({ limits, objectives, keyResults: [] });
    expect(warnings.teams.map((t) => [t.teamId, t.count])).toEqual([
      ["over-by-three", 5],
      ["over-by-one", 3],
    ]);
    expect(warnings.limits).toEqual(limits);
  });
});
