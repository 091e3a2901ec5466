import { describe, expect, it } from "vitest";
import { createIdGenerator } from "./ids";

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("createIdGenerator", () => {
  it("makes UUID v7 ids that sort in the order they were made, even within one millisecond", () => {
    const nextId = createIdGenerator(() => 1_790_000_000_000);
    const ids = Array.from({ length: 5000 }, () => nextId());
    expect(ids.every((id) => UUID_V7.test(id))).toBe(true);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("starts with the creation time, like the ids the database makes", () => {
    const at = Date.UTC(2026, 10, 24, 12, 0, 0);
    const id = createIdGenerator(() => at)();
    expect(parseInt(id.replace(/-/g, "").slice(0, 12), 16)).toBe(at);
  });
});
