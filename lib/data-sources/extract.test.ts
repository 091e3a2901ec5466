import { describe, expect, it } from "vitest";
import { numberAtPointer, numberFromPrometheus, numberFromRows, toDecimal } from "./extract";

describe("a number from a JSON answer", () => {
  const doc = { data: { total: 1250.5, items: [{ count: "42" }], "a/b": 7, "m~n": 8 }, empty: null, text: "soon" };

  it("follows the pointer through objects, arrays and escaped keys", () => {
    expect(numberAtPointer(doc, "/data/total")).toEqual({ ok: true, value: "1250.5" });
    expect(numberAtPointer(doc, "/data/items/0/count")).toEqual({ ok: true, value: "42" });
    expect(numberAtPointer(doc, "/data/a~1b")).toEqual({ ok: true, value: "7" });
    expect(numberAtPointer(doc, "/data/m~0n")).toEqual({ ok: true, value: "8" });
    expect(numberAtPointer(12, "")).toEqual({ ok: true, value: "12" });
  });

  it("says what is missing or not a number, and never guesses", () => {
    expect(numberAtPointer(doc, "/data/nope")).toEqual({ ok: false, error: "Nothing at /data/nope in the answer" });
    expect(numberAtPointer(doc, "/data/items/3")).toMatchObject({ ok: false, error: "Nothing at /data/items/3 in the answer" });
    expect(numberAtPointer(doc, "/empty")).toMatchObject({ ok: false, error: "The value at /empty is null, not a number" });
    expect(numberAtPointer(doc, "/text")).toMatchObject({ ok: false, error: 'The value at /text is "soon", not a number' });
    expect(numberAtPointer(doc, "/data")).toMatchObject({ ok: false, error: "The value at /data is an object, not a number" });
    expect(numberAtPointer(doc, "data/total")).toMatchObject({ ok: false });
  });
});

describe("decimals", () => {
  it("round to four places and refuse what a key result cannot hold", () => {
    expect(toDecimal(0.123456, "x")).toEqual({ ok: true, value: "0.1235" });
    expect(toDecimal("-0.00001", "x")).toEqual({ ok: true, value: "0" });
    expect(toDecimal(Infinity, "x")).toMatchObject({ ok: false });
    expect(toDecimal("NaN", "x")).toMatchObject({ ok: false });
    expect(toDecimal(1e20, "x")).toMatchObject({ ok: false, error: expect.stringMatching(/too large/) });
    expect(toDecimal(true, "x")).toMatchObject({ ok: false, error: "x is boolean, not a number" });
  });
});

describe("a number from Prometheus", () => {
  const vector = (values: string[]) => ({ status: "success", data: { resultType: "vector", result: values.map((v) => ({ metric: {}, value: [1733300000, v] })) } });

  it("takes the one series of an instant vector, or a scalar", () => {
    expect(numberFromPrometheus(vector(["0.995"]))).toEqual({ ok: true, value: "0.995" });
    expect(numberFromPrometheus({ status: "success", data: { resultType: "scalar", result: [1733300000, "3"] } })).toEqual({ ok: true, value: "3" });
  });

  it("refuses no series, several, errors and non-numbers", () => {
    expect(numberFromPrometheus(vector([]))).toMatchObject({ ok: false, error: expect.stringMatching(/0 series/) });
    expect(numberFromPrometheus(vector(["1", "2"]))).toMatchObject({ ok: false, error: expect.stringMatching(/2 series/) });
    expect(numberFromPrometheus(vector(["NaN"]))).toMatchObject({ ok: false });
    expect(numberFromPrometheus({ status: "error", error: "parse error" })).toMatchObject({ ok: false, error: "Prometheus answered error: parse error" });
    expect(numberFromPrometheus({ status: "success", data: { resultType: "matrix", result: [] } })).toMatchObject({ ok: false });
  });
});

describe("a number from SQL rows", () => {
  it("needs exactly one row of one column", () => {
    expect(numberFromRows([{ n: "17.25" }], 1)).toEqual({ ok: true, value: "17.25" });
    expect(numberFromRows([], 1)).toMatchObject({ ok: false, error: expect.stringMatching(/0 rows/) });
    expect(numberFromRows([{ n: 1 }, { n: 2 }], 1)).toMatchObject({ ok: false, error: expect.stringMatching(/2 rows/) });
    expect(numberFromRows([{ a: 1, b: 2 }], 2)).toMatchObject({ ok: false, error: expect.stringMatching(/2 columns/) });
    expect(numberFromRows([{ n: null }], 1)).toMatchObject({ ok: false });
  });
});
