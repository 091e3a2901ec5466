import { describe, expect, it } from "vitest";
import { z } from "zod";
import { DecimalSchema, idSchema, safeString, unsafeTextProblem } from "./schemas";

describe("safeString", () => {
  const Name = safeString({ error: "Name it" }).trim().min(1, "Name it");
  const Note = safeString({ multiline: true });

  it("refuses NUL, control characters and lone surrogates of either half", () => {
    for (const bad of ["a\u0000b", "\u0007", "x\u001b[31m", "\u007f", "\u0085", "\ud800", "a\udc00", "\udc00\ud800"]) {
      expect(Name.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
      expect(Note.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });

  it("keeps emoji (a valid surrogate pair), accents and line breaks in multi-line text", () => {
    expect(Name.safeParse("Platform 🚀 équipe").data).toBe("Platform 🚀 équipe");
    expect(Note.safeParse("Done:\r\n\t- the importer").success).toBe(true);
    expect(Name.safeParse("  Trailing newline\n").data).toBe("Trailing newline");
    expect(Name.safeParse("Two\nlines").success).toBe(false);
  });

  it("names the problem in words", () => {
    expect(unsafeTextProblem("a\u0000")).toMatch(/NUL/);
    expect(unsafeTextProblem("\ud83d")).toMatch(/surrogate/);
    expect(unsafeTextProblem("fine")).toBeNull();
  });
});

describe("idSchema", () => {
  const Id = idSchema("Choose a team");

  it("accepts any letter case and answers in lower case, also as a record key", () => {
    expect(Id.parse(" 0192F0E0-AAAA-7000-8000-00000000000A ")).toBe("0192f0e0-aaaa-7000-8000-00000000000a");
    expect(Object.keys(z.record(Id, z.number()).parse({ "0192F0E0-AAAA-7000-8000-00000000000A": 1 }))).toEqual(["0192f0e0-aaaa-7000-8000-00000000000a"]);
  });

  it("refuses dashes, broken escapes and near-uuids with its own message, even inside a union", () => {
    for (const bad of ["-".repeat(36), "%ZZ", "0192f0e0-aaaa-7000-8000-00000000000", "0192f0e0aaaa70008000000000000000a", "g192f0e0-aaaa-7000-8000-00000000000a"]) {
      expect(Id.safeParse(bad).error?.issues[0]?.message).toBe("Choose a team");
    }
    expect(z.union([Id, z.literal("")]).safeParse("nope").error?.issues[0]?.message).toBe("Choose a team");
  });
});

describe("DecimalSchema", () => {
  it("stops at the format check, so a refinement that builds a Decimal never sees text", () => {
    const Weight = DecimalSchema.refine((v) => {
      if (!/^-?\d/.test(v)) throw new Error("a Decimal was built from text");
      return true;
    });
    for (const bad of ["", " ", "heavy", "1e5", "NaN", 1e21]) expect(Weight.safeParse(bad).success).toBe(false);
    expect(Weight.parse("1,250.5")).toBe("1250.5");
  });
});
