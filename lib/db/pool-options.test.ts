import { describe, expect, it } from "vitest";
import { poolOptions, usesPgBouncer } from "./pool-options";

describe("the shared pool's settings from the environment", () => {
  it("turns JIT off through startup options unless told otherwise", () => {
    expect(poolOptions({})).toEqual({ max: 10, options: "-c jit=off" });
    expect(poolOptions({ KEEL_PG_OPTIONS: "-c work_mem=64MB", KEEL_DB_POOL_SIZE: "4" })).toEqual({ max: 4, options: "-c work_mem=64MB" });
    expect(poolOptions({ KEEL_PG_OPTIONS: "" })).toEqual({ max: 10 });
  });

  it("sends no startup options behind PgBouncer, which would close the connection", () => {
    expect(usesPgBouncer({ KEEL_PGBOUNCER: "1" })).toBe(true);
    expect(usesPgBouncer({ KEEL_PGBOUNCER: "0" })).toBe(false);
    expect(usesPgBouncer({})).toBe(false);
    expect(poolOptions({ KEEL_PGBOUNCER: "1" })).toEqual({ max: 10 });
    expect(poolOptions({ KEEL_PGBOUNCER: "1", KEEL_PG_OPTIONS: "-c jit=off", KEEL_DB_POOL_SIZE: "20" })).toEqual({ max: 20 });
  });
});
