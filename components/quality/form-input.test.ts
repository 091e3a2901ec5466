import { describe, expect, it } from "vitest";
import { evaluate } from "@/lib/quality/rules";
import { keyResultFromFields, teamCountAfterSave } from "./form-input";

describe("keyResultFromFields", () => {
  it("reads a key result row of the new objective form by its field names, with the form's defaults", () => {
    const values = { "keyResults.1.title": "Launch the new onboarding", "keyResults.1.type": "number", "keyResults.1.startValue": "0", "keyResults.0.title": "Other row" };
    expect(keyResultFromFields(values, "keyResults.1.")).toEqual({
      title: "Launch the new onboarding",
      type: "number",
      direction: "increase",
      startValue: "0",
      targetValue: "",
      unit: "",
    });
  });

  it("takes the type from the form's state when the form has no type field (editing keeps the type)", () => {
    expect(keyResultFromFields({ title: "Ship it" }, "", { type: "yes_no" }).type).toBe("yes_no");
  });

  it("feeds the rules so the coach flags what the person typed", () => {
    const keyResult = keyResultFromFields({ "keyResults.0.title": "Launch the new onboarding", "keyResults.0.type": "number" }, "keyResults.0.");
    const flags = evaluate({ objective: { title: "x", whyItMatters: "y", level: "company", teamId: null, isAligned: true }, keyResults: [keyResult] });
    expect(flags.map((f) => f.ruleId)).toEqual(["output_key_result", "missing_unit"]);
  });
});

describe("teamCountAfterSave", () => {
  const counts = { platform: 5, sales: 2 };

  it("counts the objective once in the team it stays in, and adds it to a team it moves to", () => {
    expect(teamCountAfterSave(counts, { teamId: "platform", state: "active", level: "team" }, { teamId: "platform", state: "active" })).toBe(5);
    expect(teamCountAfterSave(counts, { teamId: "platform", state: "active", level: "team" }, { teamId: "sales", state: "active" })).toBe(3);
    expect(teamCountAfterSave(counts, { teamId: "platform", state: "done", level: "team" }, { teamId: "platform", state: "draft" })).toBe(6);
    expect(teamCountAfterSave(counts, { teamId: "platform", state: "active", level: "team" }, { teamId: "platform", state: "done" })).toBe(4);
  });

  it("knows nothing for other levels, no team or no counts", () => {
    expect(teamCountAfterSave(counts, { teamId: "platform", state: "active", level: "personal" }, { teamId: "platform", state: "active" })).toBeUndefined();
    expect(teamCountAfterSave(counts, { teamId: "platform", state: "active", level: "team" }, { teamId: null, state: "active" })).toBeUndefined();
    expect(teamCountAfterSave(undefined, { teamId: "platform", state: "active", level: "team" }, { teamId: "platform", state: "active" })).toBeUndefined();
  });
});
