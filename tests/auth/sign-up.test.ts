import { beforeEach, describe, expect, it } from "vitest";
import { signUpAction } from "@/app/(auth)/signup/actions";
import { db } from "@/lib/db/prisma";
import { randomUUID } from "node:crypto";
import { signInAs } from "../helpers/session-state";

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
}

const good = () => ({ name: "Ada Lovelace", email: `ada-${randomUUID().slice(0, 8)}@example.test`, password: "analytical-engine-1843", organizationName: "Engines Ltd" });

describe("sign-up", () => {
  beforeEach(() => signInAs(null));

  it("creates the person, a new organisation with them as owner, and the history", async () => {
    const input = good();
    const state = await signUpAction(undefined, form({ ...input, email: input.email.toUpperCase() }));
    expect(state.status).toBe("success");
    const user = await db.user.findUniqueOrThrow({ where: { email: input.email }, include: { memberships: { include: { organization: true } } } });
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    expect(user.memberships).toHaveLength(1);
    expect(user.memberships[0]!.role).toBe("owner");
    expect(user.memberships[0]!.organization.name).toBe("Engines Ltd");
    const events = await db.auditEvent.findMany({ where: { organizationId: user.memberships[0]!.organizationId } });
    expect(events.map((e) => e.action).sort()).toEqual(["member.joined", "organization.created"]);
  });

  it("refuses a taken email, whatever its case, and changes nothing", async () => {
    const input = good();
    await signUpAction(undefined, form(input));
    const before = await db.organization.count();
    const state = await signUpAction(undefined, form({ ...input, email: input.email.toUpperCase(), organizationName: "Second Org" }));
    expect(state.status).toBe("error");
    if (state.status !== "error") return;
    expect(state.code).toBe("conflict");
    expect(state.fieldErrors.email?.[0]).toMatch(/already exists/);
    expect(await db.organization.count()).toBe(before);
  });

  it("refuses weak passwords and malformed emails with a message on the field", async () => {
    const cases: [Record<string, string>, string, RegExp][] = [
      [{ password: "short1" }, "password", /at least 10/],
      [{ password: "abcdefghijkl" }, "password", /numbers or symbols/],
      [{ password: "password123" }, "password", /too common/],
      [{ email: "not-an-email" }, "email", /valid email/],
      [{ email: "" }, "email", /Enter your email/],
      [{ organizationName: "x".repeat(121) }, "organizationName", /at most 120/],
    ];
    for (const [override, field, message] of cases) {
      const input = { ...good(), ...override };
      const state = await signUpAction(undefined, form(input));
      expect(state.status, JSON.stringify(override)).toBe("error");
      if (state.status !== "error") continue;
      expect(state.code).toBe("validation");
      expect(state.fieldErrors[field]?.[0]).toMatch(message);
      expect(state.values.password).toBeUndefined();
      if (input.email) expect(await db.user.findUnique({ where: { email: input.email.toLowerCase() } })).toBeNull();
    }
  });
});
