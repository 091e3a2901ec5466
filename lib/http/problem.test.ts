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

  it("keeps app errors and leaves other failures unknown", () => {
    const known = new AppError("not_found", "That objective was not found");
    expect(normaliseError(known)).toBe(known);
    expect(normaliseError(Object.assign(new Error("syntax error"), { code: "42601" }))).toBeNull();
    expect(normaliseError(new Error("boom"))).toBeNull();
  });
});
