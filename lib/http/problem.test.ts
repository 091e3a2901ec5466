import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { normaliseError } from "./problem";

describe("normaliseError", () => {
  it("answers a database that gave up waiting, or found a deadlock, as busy (409), not as a crash", () => {
    for (const code of ["55P03", "57014", "40P01", "40001"]) {
      const error = Object.assign(new Error("canceling statement"), { code });
      expect(normaliseError(error)).toMatchObject({ code: "conflict", message: expect.stringMatching(/Nothing was saved; try again/) });
    }
    const prisma = new Prisma.PrismaClientKnownRequestError("Transaction failed due to a write conflict or a deadlock", { code: "P2034", clientVersion: "6.19.3" });
    expect(normaliseError(prisma)?.code).toBe("conflict");
  });

  it("answers a Prisma transaction that timed out (P2028) or a lock wait seen through the driver adapter as busy (409)", () => {
    const timedOut = new Prisma.PrismaClientKnownRequestError("Transaction API error: Transaction already closed", { code: "P2028", clientVersion: "6.19.3" });
    expect(normaliseError(timedOut)).toMatchObject({ code: "conflict", status: 409 });
    const adapter = Object.assign(new Error("canceling statement due to lock timeout"), { name: "DriverAdapterError", cause: { kind: "postgres", code: "55P03" } });
    expect(normaliseError(adapter)?.status).toBe(409);
    const raw = new Prisma.PrismaClientKnownRequestError("Raw query failed. Code: `40P01`", {
      code: "P2010",
      clientVersion: "6.19.3",
      meta: { driverAdapterError: { cause: { kind: "postgres", originalCode: "40P01" } } },
    });
    expect(normaliseError(raw)?.status).toBe(409);
  });

  it("keeps app errors and leaves other failures unknown", () => {
    const known = new AppError("not_found", "That objective was not found");
    expect(normaliseError(known)).toBe(known);
    expect(normaliseError(Object.assign(new Error("syntax error"), { code: "42601" }))).toBeNull();
    expect(normaliseError(new Error("boom"))).toBeNull();
  });
});
