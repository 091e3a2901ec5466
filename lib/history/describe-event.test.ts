import { describe, expect, it } from "vitest";
import { describeEvent, referencedIds, type HistoryEvent } from "./describe-event";

const lookups = {
  keyResultTitles: new Map([["kr1", "Reduce p95 latency"]]),
  userNames: new Map([["u1", "Chen Wei"], ["u2", "Ben Carter"]]),
  objectiveTitles: new Map([["o1", "Make the platform fast"]]),
};

const event = (partial: Partial<HistoryEvent>): HistoryEvent => ({
  id: "e1",
  action: "objective.updated",
  entityType: "objective",
  entityId: "o2",
  before: null,
  after: null,
  reason: null,
  createdAt: new Date("2026-11-20T10:00:00Z"),
  actor: { name: "Alex Rivera" },
  ...partial,
});

describe("describeEvent", () => {
  it("says which initiative changed status, without a title change that did not happen", () => {
    const entry = describeEvent(
      event({ action: "initiative.updated", entityType: "initiative", entityId: "i1", before: { keyResultId: "kr1", status: "in_progress" }, after: { keyResultId: "kr1", title: "Cache the tree", status: "done" } }),
      lookups,
    );
    expect(entry).toMatchObject({ summary: "updated the initiative “Cache the tree”", changes: [{ field: "Status", from: "in progress", to: "done" }] });
  });

  it("shows a target change with old value, new value, who and why", () => {
    const entry = describeEvent(
      event({ action: "keyresult.target_changed", entityType: "key_result", entityId: "kr1", before: { targetValue: "250" }, after: { targetValue: "300" }, reason: "New SLA agreed" }),
      lookups,
    );
    expect(entry).toMatchObject({
      actorName: "Alex Rivera",
      summary: "changed the target of “Reduce p95 latency”",
      changes: [{ field: "Target", from: "250", to: "300" }],
      reason: "New SLA agreed",
    });
  });

  it("names people instead of ids", () => {
    const entry = describeEvent(event({ before: { ownerId: "u1" }, after: { ownerId: "u2" } }), lookups);
    expect(entry.changes).toEqual([{ field: "Owner", from: "Chen Wei", to: "Ben Carter" }]);
  });

  it("says what an objective was aligned to", () => {
    expect(describeEvent(event({ action: "objective.aligned", after: { parentObjectiveId: "o1", parentKeyResultId: null } }), lookups).summary).toBe(
      "aligned it to “Make the platform fast”",
    );
    expect(describeEvent(event({ action: "objective.aligned", after: { parentObjectiveId: null, parentKeyResultId: null } }), lookups).summary).toBe("removed its alignment");
  });

  it("collects the ids it needs names for", () => {
    expect(referencedIds([event({ before: { ownerId: "u1" }, after: { ownerId: "u2", parentKeyResultId: "kr9" } })])).toEqual({
      userIds: ["u1", "u2"],
      objectiveIds: [],
      keyResultIds: ["kr9"],
    });
  });
});
