import { describe, expect, it } from "vitest";
import { fieldErrorsFromZod } from "@/lib/errors";
import { CreateCycleSchema, UpdateCycleSchema } from "./schemas";

/** The field errors a form or an API client would see for this input; null when it is accepted. */
function errorsFor(schema: typeof CreateCycleSchema | typeof UpdateCycleSchema, input: unknown) {
  const parsed = schema.safeParse(input);
  return parsed.success ? null : fieldErrorsFromZod(parsed.error);
}

describe("CreateCycleSchema", () => {
  it("turns a quarter preset into its name and dates, keeping a name given with it", () => {
    expect(CreateCycleSchema.parse({ quarter: "2027-Q1" })).toEqual({ name: "Q1 2027", startDate: new Date("2027-01-01T00:00:00Z"), endDate: new Date("2027-03-31T00:00:00Z") });
    expect(CreateCycleSchema.parse({ quarter: "2027-Q4", name: "Year end push" })).toMatchObject({ name: "Year end push", endDate: new Date("2027-12-31T00:00:00Z") });
  });

  it("names the quarter field when the preset is malformed", () => {
    expect(errorsFor(CreateCycleSchema, { quarter: "2027-Q5" })).toEqual({ quarter: ["Quarters look like 2027-Q1"] });
  });

  it("accepts custom dates, trimmed, as UTC midnights", () => {
    expect(CreateCycleSchema.parse({ name: " FY 2027 ", startDate: " 2027-01-01", endDate: "2027-12-31" })).toEqual({
      name: "FY 2027",
      startDate: new Date("2027-01-01T00:00:00Z"),
      endDate: new Date("2027-12-31T00:00:00Z"),
    });
  });

  it("names each missing custom field, all at once", () => {
    expect(errorsFor(CreateCycleSchema, {})).toEqual({
      name: ["Name the cycle"],
      startDate: ["Enter the start date, like 2027-01-01"],
      endDate: ["Enter the end date, like 2027-01-01"],
    });
    expect(errorsFor(CreateCycleSchema, { name: "FY", endDate: "2027-12-31" })).toEqual({ startDate: ["Enter the start date, like 2027-01-01"] });
  });

  it("says which date is not a real one, and why", () => {
    expect(errorsFor(CreateCycleSchema, { name: "FY", startDate: "2027-02-30", endDate: "2027-12-31" })).toEqual({ startDate: ["Enter the start date as a real date, like 2027-01-01"] });
    expect(errorsFor(CreateCycleSchema, { name: "FY", startDate: "2027-01-01", endDate: "31/12/2027" })).toEqual({ endDate: ["Enter the end date as a real date, like 2027-01-01"] });
    expect(errorsFor(CreateCycleSchema, { name: "FY", startDate: 20270101, endDate: "2027-12-31" })).toEqual({ startDate: ["Enter the start date as a date like 2027-01-01"] });
  });

  it("puts an end before the start on the end date", () => {
    expect(errorsFor(CreateCycleSchema, { name: "Backwards", startDate: "2027-06-30", endDate: "2027-01-01" })).toEqual({ endDate: ["The end date must be after the start date"] });
    expect(errorsFor(CreateCycleSchema, { name: "Empty", startDate: "2027-06-30", endDate: "2027-06-30" })).toEqual({ endDate: ["The end date must be after the start date"] });
  });

  it("answers a body that is not an object on the form as a whole", () => {
    expect(Object.keys(errorsFor(CreateCycleSchema, ["2027-Q1"]) ?? {})).toEqual(["_form"]);
  });
});

describe("UpdateCycleSchema", () => {
  it("leaves out what is not sent and names a bad date", () => {
    expect(UpdateCycleSchema.parse({ name: "Renamed" })).toEqual({ name: "Renamed" });
    expect(errorsFor(UpdateCycleSchema, { endDate: "2027-13-01" })).toEqual({ endDate: ["Enter the end date as a real date, like 2027-01-01"] });
  });
});
