import { describe, expect, it } from "vitest";
import { backupFileName, pickTool } from "./backup";

describe("choosing pg_dump and pg_restore", () => {
  const tools = [
    { path: "/usr/lib/postgresql/17/bin/pg_dump", major: 17 },
    { path: "/usr/lib/postgresql/15/bin/pg_dump", major: 15 },
    { path: "/usr/lib/postgresql/16/bin/pg_dump", major: 16 },
  ];

  it("takes the oldest one the server accepts", () => {
    expect(pickTool(tools, 15)?.major).toBe(15);
    expect(pickTool(tools, 16)?.major).toBe(16);
    expect(pickTool(tools, 17)?.major).toBe(17);
  });

  it("has none for a server newer than every tool", () => {
    expect(pickTool(tools, 18)).toBeNull();
    expect(pickTool([{ path: "pg_dump", major: 15 }], 17)).toBeNull();
  });

  it("names backups by their UTC time", () => {
    expect(backupFileName(new Date("2026-01-02T03:04:05.678Z"))).toBe("keel-20260102T030405Z.dump");
  });
});
