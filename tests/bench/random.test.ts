import { describe, expect, it } from "vitest";
import { prng, uuidV7 } from "@/bench/lib/random";
import { parseSize, SIZES } from "@/bench/sizes";

describe("bench ids and sizes", () => {
  it("makes the same UUID v7 ids as before it was made faster, so generated data stays byte-identical", () => {
    const random = prng(42);
    const at = new Date("2026-11-25T12:00:00.000Z");
    // Pinned from the byte-array version: the same seed and instant give these ids, in this order.
    expect([uuidV7(random, at), uuidV7(random, at), uuidV7(random, new Date(at.getTime() + 1))]).toEqual([
      "01a21293-b600-79e1-b2c3-da3bab732cc0",
      "01a21293-b600-76ce-85f2-9fefdd8f78e9",
      "01a21293-b601-7ffb-a1ce-bee84e97327f",
    ]);
  });

  it("knows size XL as ten times L and refuses an unknown size", () => {
    expect(parseSize("xl")).toBe(SIZES.XL);
    expect(SIZES.XL.keyResults).toBe(10 * SIZES.L.keyResults);
    expect(() => parseSize("XXL")).toThrow(/--size must be S, M, L, XL/);
  });
});
