import { describe, expect, expectTypeOf, it } from "vitest";
import { z } from "zod";
import { parseAddress } from "./address";

const SCHEMAS = {
  team: z.uuid({ error: "team is not a team id" }),
  page: z.coerce.number({ error: "page must be a number" }).int("page must be a whole number").min(1, "page is at least 1"),
  mine: z.enum(["1", "0"], { error: "mine must be 1 or 0" }).transform((v) => v === "1"),
};
const TEAM = "0195d3a0-0000-7000-8000-000000000000";

describe("parseAddress", () => {
  it("keeps every good value, converted by its schema", () => {
    const { values, problems } = parseAddress(SCHEMAS, { team: TEAM, page: "3", mine: "1" });
    expect(values).toEqual({ team: TEAM, page: 3, mine: true });
    expect(problems).toEqual([]);
    expectTypeOf(values).toEqualTypeOf<{ team?: string; page?: number; mine?: boolean }>();
  });

  it("leaves out each bad value with its message and keeps the rest", () => {
    const { values, problems } = parseAddress(SCHEMAS, { team: "sales", page: "0", mine: "1" });
    expect(values).toEqual({ mine: true });
    expect(problems).toEqual(["team is not a team id", "page is at least 1"]);
  });

  it("treats missing and empty values as absent, and ignores parameters it has no schema for", () => {
    const { values, problems } = parseAddress(SCHEMAS, { team: "", page: undefined, other: "anything" });
    expect(values).toEqual({});
    expect(problems).toEqual([]);
  });

  it("reads the first of a repeated parameter", () => {
    expect(parseAddress(SCHEMAS, { page: ["2", "oops"] }).values).toEqual({ page: 2 });
    expect(parseAddress(SCHEMAS, { page: ["oops", "2"] }).problems).toEqual(["page must be a number"]);
  });
});
