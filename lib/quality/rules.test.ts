import { describe, expect, it } from "vitest";
import { evaluate, evaluateKeyResult, isOutputTitle, isTargetAtStart, QUALITY_RULE_IDS, QUALITY_RULES, type QualityInput, type QualityKeyResult, type QualityObjective } from "./rules";

const limits = { maxObjectivesPerTeam: 3, maxKeyResultsPerObjective: 3, maxKeyResultsPerPerson: 6 };

const goodObjective: QualityObjective = {
  title: "Make checkout effortless",
  whyItMatters: "Half of our support tickets are about paying.",
  level: "team",
  teamId: "payments",
  isAligned: true,
  teamObjectiveCount: 2,
};

const goodKr: QualityKeyResult = {
  title: "Raise checkout conversion",
  type: "percent",
  direction: "increase",
  startValue: "42",
  targetValue: "55",
  unit: "%",
  ownerTeam: "objective_team",
};

const input = (objective: Partial<QualityObjective> = {}, keyResults: Partial<QualityKeyResult>[] = [{}]): QualityInput => ({
  objective: { ...goodObjective, ...objective },
  keyResults: keyResults.map((kr) => ({ ...goodKr, ...kr })),
  limits,
});

const ruleIds = (i: QualityInput, disabled?: string[]) => evaluate(i, { disabled }).map((f) => f.ruleId);
const krRuleIds = (kr: Partial<QualityKeyResult>) => evaluateKeyResult({ ...goodKr, ...kr }).map((f) => f.ruleId);

describe("the rules as data", () => {
  it("has one rule per id, each with a label, a description and a one-line suggestion", () => {
    expect(QUALITY_RULES.map((r) => r.id)).toEqual([...QUALITY_RULE_IDS]);
    for (const rule of QUALITY_RULES) {
      expect(rule.label.length, rule.id).toBeGreaterThan(3);
      expect(rule.description.length, rule.id).toBeGreaterThan(10);
      expect(rule.suggestion, rule.id).not.toMatch(/\n/);
    }
  });

  it("passes a well-written objective with a measured key result", () => {
    expect(evaluate(input())).toEqual([]);
  });
});

describe("missing_why", () => {
  it("flags an objective whose why is empty or only spaces, and passes one that says why", () => {
    expect(ruleIds(input({ whyItMatters: "" }))).toEqual(["missing_why"]);
    expect(ruleIds(input({ whyItMatters: "  \n " }))).toEqual(["missing_why"]);
    expect(ruleIds(input({ whyItMatters: "Customers leave at the payment step." }))).toEqual([]);
  });

  it("says where the flag goes and what to do", () => {
    expect(evaluate(input({ whyItMatters: "" }))).toEqual([
      { ruleId: "missing_why", label: "Why it matters", field: "whyItMatters", suggestion: expect.stringContaining("why this matters") },
    ]);
  });
});

describe("output_key_result", () => {
  it.each([
    "Launch the new onboarding",
    "launch the new onboarding",
    "Ship dark mode",
    "Implement single sign-on",
    "Write the security whitepaper",
    "Build a partner portal",
    "Release version two",
    "Create a help centre",
    "Deliver the data platform",
    "Migrate billing to Stripe",
    "Roll out the new pricing",
    "We launch the app in Spain",
    "New onboarding launched",
    "Security whitepaper written",
    "Billing rolled out to all regions",
    "Launch one new product",
  ])("flags “%s” on a yes/no key result", (title) => {
    expect(isOutputTitle(title)).toBe(true);
    expect(krRuleIds({ title, type: "yes_no" })).toEqual(["output_key_result"]);
  });

  it.each([
    "Raise weekly sign-ups from 200 to 350",
    "Launch in 5 countries",
    "Ship to 40% of users",
    "Cut shipping costs per order",
    "Increase activation after the launched onboarding",
    "Customers rate the new release as easy",
    "Reduce p95 latency",
    "Building occupancy above target",
    "Build times under ten minutes",
    "Release frequency doubled",
    "Design reviews done within two days",
    "Writers retained after their first month",
    "",
  ])("passes “%s”", (title) => {
    expect(isOutputTitle(title)).toBe(false);
    expect(krRuleIds({ title, type: "yes_no" })).toEqual([]);
  });

  it("flags a task title on a number key result that has no unit or no movement, but not one measured in its fields", () => {
    expect(krRuleIds({ title: "Launch the partner programme", type: "number", unit: "", startValue: "0", targetValue: "1" })).toContain("output_key_result");
    expect(krRuleIds({ title: "Launch the partner programme", type: "number", unit: "partners", startValue: "0", targetValue: "0" })).toContain("output_key_result");
    expect(krRuleIds({ title: "Launch the partner programme", type: "number", unit: "partners", startValue: "0", targetValue: "40" })).toEqual([]);
  });

  it("flags a task title on milestone and initiatives key results too", () => {
    expect(krRuleIds({ title: "Ship dark mode", type: "milestone", unit: "" })).toEqual(["output_key_result"]);
    expect(krRuleIds({ title: "Ship dark mode", type: "initiatives", unit: "" })).toEqual(["output_key_result"]);
  });
});

describe("target_equals_start", () => {
  it("flags an increase or decrease whose target is its start, as typed in any form", () => {
    expect(krRuleIds({ startValue: "10", targetValue: "10" })).toEqual(["target_equals_start"]);
    expect(krRuleIds({ direction: "decrease", startValue: "1,5", targetValue: "1.50" })).toEqual(["target_equals_start"]);
    expect(isTargetAtStart({ type: "currency", direction: "increase", startValue: "1 000", targetValue: "1000" })).toBe(true);
  });

  it("passes a target away from the start, a target not typed yet, a line to hold, and types with no start", () => {
    expect(krRuleIds({ startValue: "10", targetValue: "12" })).toEqual([]);
    expect(krRuleIds({ startValue: "0", targetValue: "" })).toEqual([]);
    expect(krRuleIds({ direction: "keep_above", startValue: "99.9", targetValue: "99.9" })).toEqual([]);
    for (const type of ["milestone", "yes_no", "initiatives"]) expect(krRuleIds({ type, startValue: "0", targetValue: "0", unit: "" })).toEqual([]);
  });
});

describe("missing_unit", () => {
  it("flags a number, percentage or money key result without a unit", () => {
    for (const type of ["number", "percent", "currency"]) expect(krRuleIds({ type, unit: " " }), type).toEqual(["missing_unit"]);
  });

  it("passes one with a unit, and the types that have none", () => {
    expect(krRuleIds({ type: "number", unit: "customers" })).toEqual([]);
    for (const type of ["milestone", "yes_no", "initiatives"]) expect(krRuleIds({ type, unit: "" }), type).toEqual([]);
  });
});

describe("too_many_key_results", () => {
  it("flags an objective with more key results than the limit, and passes one at the limit", () => {
    expect(ruleIds(input({}, [{}, {}, {}, {}]))).toEqual(["too_many_key_results"]);
    expect(ruleIds(input({}, [{}, {}, {}]))).toEqual([]);
  });

  it("stays silent when the limits are not known", () => {
    expect(evaluate({ ...input({}, [{}, {}, {}, {}]), limits: undefined })).toEqual([]);
  });
});

describe("team_over_objective_limit", () => {
  it("flags a team objective in a team past its objective limit", () => {
    expect(ruleIds(input({ teamObjectiveCount: 4 }))).toEqual(["team_over_objective_limit"]);
  });

  it("passes at the limit, for company and personal objectives, and when the count is unknown", () => {
    expect(ruleIds(input({ teamObjectiveCount: 3 }))).toEqual([]);
    expect(ruleIds(input({ level: "company", teamId: null, teamObjectiveCount: 9 }))).toEqual([]);
    expect(ruleIds(input({ level: "personal", teamObjectiveCount: 9 }))).toEqual([]);
    expect(ruleIds(input({ teamObjectiveCount: undefined }))).toEqual([]);
  });
});

describe("key_results_owned_elsewhere", () => {
  it("flags a team objective whose key results are all owned in other teams", () => {
    expect(ruleIds(input({}, [{ ownerTeam: "other_team" }, { ownerTeam: "other_team" }]))).toEqual(["key_results_owned_elsewhere"]);
  });

  it("passes when one key result is owned in the team, when an owner's teams are unknown or none, and for company objectives", () => {
    expect(ruleIds(input({}, [{ ownerTeam: "other_team" }, { ownerTeam: "objective_team" }]))).toEqual([]);
    expect(ruleIds(input({}, [{ ownerTeam: "other_team" }, { ownerTeam: undefined }]))).toEqual([]);
    expect(ruleIds(input({}, [{ ownerTeam: "no_team" }]))).toEqual([]);
    expect(ruleIds(input({ level: "company", teamId: null }, [{ ownerTeam: "other_team" }]))).toEqual([]);
    expect(ruleIds(input({}, []))).toEqual([]);
  });
});

describe("personal_unaligned", () => {
  it("flags a personal objective aligned to nothing, and passes an aligned one or a team objective", () => {
    expect(ruleIds(input({ level: "personal", isAligned: false }))).toEqual(["personal_unaligned"]);
    expect(ruleIds(input({ level: "personal", isAligned: true }))).toEqual([]);
    expect(ruleIds(input({ level: "team", isAligned: false }))).toEqual([]);
  });
});

describe("switching rules off", () => {
  const messy = input({ whyItMatters: "", level: "personal", isAligned: false }, [{ title: "Launch the new onboarding", type: "yes_no", unit: "" }, { unit: "", startValue: "5", targetValue: "5" }]);

  it("reports every rule that applies, objective rules first and key results in their order", () => {
    expect(evaluate(messy).map((f) => [f.ruleId, f.keyResultIndex])).toEqual([
      ["missing_why", undefined],
      ["personal_unaligned", undefined],
      ["output_key_result", 0],
      ["target_equals_start", 1],
      ["missing_unit", 1],
    ]);
  });

  it("leaves out the rules an organisation switched off, and ignores ids it does not know", () => {
    expect(ruleIds(messy, ["missing_why", "missing_unit", "no_such_rule"])).toEqual(["personal_unaligned", "output_key_result", "target_equals_start"]);
    expect(ruleIds(messy, [...QUALITY_RULE_IDS])).toEqual([]);
    expect(evaluateKeyResult(messy.keyResults[0]!, { disabled: ["output_key_result"] })).toEqual([]);
  });
});
