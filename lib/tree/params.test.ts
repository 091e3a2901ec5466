import { describe, expect, it } from "vitest";
import { parseTreeParams } from "./params";

describe("parseTreeParams", () => {
  it("keeps the good filters and explains the bad ones", () => {
    const { values, problems } = parseTreeParams({ q: "growth", state: "sleeping", team: "123", level: "2", colour: "confidence" });
    expect(values).toEqual({ q: "growth", level: 2, colour: "confidence" });
    expect(problems).toEqual(["team is not a team id", "state must be one of draft, active, done, abandoned"]);
  });
});
