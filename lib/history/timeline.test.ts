import { describe, expect, it } from "vitest";
import { mergeTimeline } from "./timeline";

const at = (iso: string) => new Date(iso);

describe("mergeTimeline", () => {
  it("puts check-ins, comments and changes in one list, newest first", () => {
    const entries = mergeTimeline({
      checkIns: [{ id: "c1", at: at("2026-11-10T09:00:00Z"), authorName: "Ana", keyResultTitle: "Cut latency", value: "300 ms", confidence: "at_risk", note: "Cache helped", isEdited: false }],
      comments: [{ id: "m1", at: at("2026-11-11T09:00:00Z"), authorId: "u1", authorName: "Ben", body: "Nice" }],
      changes: [{ id: "h1", at: at("2026-11-01T09:00:00Z"), actorName: "Cy", summary: "created this objective", changes: [], reason: null }],
    });
    expect(entries.map((e) => `${e.kind}:${e.id}`)).toEqual(["comment:m1", "check-in:c1", "change:h1"]);
  });

  it("keeps entries of the same moment in a stable order", () => {
    const same = at("2026-11-10T09:00:00Z");
    const entries = mergeTimeline({
      checkIns: [{ id: "c1", at: same, authorName: "Ana", keyResultTitle: "K", value: "1", confidence: "on_track", note: "", isEdited: false }],
      comments: [{ id: "m1", at: same, authorId: "u1", authorName: "Ben", body: "x" }],
      changes: [{ id: "h1", at: same, actorName: "Cy", summary: "edited", changes: [], reason: null }],
    });
    expect(entries.map((e) => e.kind)).toEqual(["change", "check-in", "comment"]);
  });
});
