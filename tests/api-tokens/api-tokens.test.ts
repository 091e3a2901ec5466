import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { GET as listMembersRoute } from "@/app/api/v1/members/route";
import { createApiTokenAction, revokeApiTokenAction } from "@/app/(app)/settings/tokens/actions";
import { MAX_ACTIVE_TOKENS } from "@/lib/api-tokens/mutations";
import { listApiTokens } from "@/lib/api-tokens/queries";
import { db } from "@/lib/db/prisma";
import { sha256 } from "@/lib/tokens";
import { createApiToken } from "@/prisma/factories";
import { callApi } from "../helpers/api";
import { signInAs } from "../helpers/session-state";
import { createWorld, type World } from "../helpers/world";

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
}

type Created = { id: string; name: string; prefix: string; secret: string };

async function createAs(userId: string, name: string): Promise<Created> {
  signInAs(userId);
  const state = await createApiTokenAction(undefined, form({ name }));
  if (state.status !== "success") throw new Error(`token refused: ${JSON.stringify(state)}`);
  return state.data;
}

async function works(secret: string): Promise<number> {
  return (await callApi(listMembersRoute, { path: "/api/v1/members?limit=1", token: secret })).status;
}

let world: World;
let other: World;

beforeAll(async () => {
  [world, other] = await Promise.all([createWorld(), createWorld()]);
});

beforeEach(() => signInAs(null));

describe("creating API tokens", () => {
  it("gives any member a token shown once and stored as a hash with a short prefix, that works at once", async () => {
    for (const who of [world.member, world.viewer]) {
      const created = await createAs(who.id, "Weekly report script");
      expect(created.secret).toMatch(/^keel_[A-Za-z0-9_-]{40,}$/);
      expect(created.prefix).toBe(created.secret.slice(0, 11));
      const row = await db.apiToken.findFirstOrThrow({ where: { id: created.id, organizationId: world.org.id } });
      expect(row).toMatchObject({ userId: who.id, name: "Weekly report script", tokenHash: sha256(created.secret), prefix: created.prefix, revokedAt: null });
      expect(JSON.stringify(row)).not.toContain(created.secret);
      expect(await works(created.secret)).toBe(200);
      expect((await db.apiToken.findUniqueOrThrow({ where: { id: created.id } })).lastUsedAt).not.toBeNull();
      const audit = await db.auditEvent.findFirstOrThrow({ where: { organizationId: world.org.id, action: "api_token.created", entityId: created.id } });
      expect(audit.actorId).toBe(who.id);
      expect(JSON.stringify(audit)).not.toContain(created.secret);
    }
  });

  it("names the field for bad input, and needs a session", async () => {
    const before = await db.apiToken.count({ where: { userId: world.member.id } });
    signInAs(world.member.id);
    const cases: [FormData | Record<string, unknown>, RegExp][] = [
      [form({}), /Name the token/],
      [form({ name: "   " }), /Name the token/],
      [form({ name: "x".repeat(81) }), /at most 80/],
      [{ name: 12 }, /Name the token/],
    ];
    for (const [input, message] of cases) {
      const state = await createApiTokenAction(undefined, input as FormData);
      expect(state).toMatchObject({ status: "error", code: "validation", fieldErrors: { name: [expect.stringMatching(message)] } });
    }
    signInAs(null);
    expect(await createApiTokenAction(undefined, form({ name: "anonymous" }))).toMatchObject({ status: "error", code: "unauthenticated" });
    expect(await db.apiToken.count({ where: { userId: world.member.id } })).toBe(before);
  });

  it(`stops at ${MAX_ACTIVE_TOKENS} active tokens per person`, async () => {
    const { lead } = world;
    const active = await db.apiToken.count({ where: { userId: lead.id, revokedAt: null } });
    await db.apiToken.createMany({
      data: Array.from({ length: MAX_ACTIVE_TOKENS - active }, (_, i) => ({ organizationId: world.org.id, userId: lead.id, name: `bulk ${i}`, tokenHash: sha256(`${lead.id}-${i}`), prefix: "keel_bulk" })),
    });
    signInAs(lead.id);
    const state = await createApiTokenAction(undefined, form({ name: "one too many" }));
    expect(state).toMatchObject({ status: "error", code: "conflict" });
    expect(await db.apiToken.count({ where: { userId: lead.id, name: "one too many" } })).toBe(0);
  });
});

describe("listing API tokens", () => {
  it("shows a person only their own tokens in this organisation", async () => {
    const mine = await createAs(world.admin.id, "mine");
    const theirs = await createApiToken(db, world.org.id, world.owner.id, "theirs");
    const elsewhere = await createApiToken(db, other.org.id, world.admin.id, "elsewhere");
    const ids = (await listApiTokens(world.org.id, world.admin.id)).map((t) => t.id);
    expect(ids).toContain(mine.id);
    expect(ids).not.toContain(theirs.token.id);
    expect(ids).not.toContain(elsewhere.token.id);
  });
});

describe("revoking API tokens", () => {
  it("makes the token answer 401 at once, with the history, and only once", async () => {
    const created = await createAs(world.member.id, "to revoke");
    expect(await works(created.secret)).toBe(200);
    const state = await revokeApiTokenAction(undefined, form({ tokenId: created.id }));
    expect(state).toMatchObject({ status: "success", message: "to revoke was revoked; it no longer works" });
    expect(await works(created.secret)).toBe(401);
    expect((await db.apiToken.findUniqueOrThrow({ where: { id: created.id } })).revokedAt).not.toBeNull();
    expect(await db.auditEvent.count({ where: { organizationId: world.org.id, action: "api_token.revoked", entityId: created.id } })).toBe(1);
    expect(await revokeApiTokenAction(undefined, form({ tokenId: created.id }))).toMatchObject({ status: "error", code: "conflict" });
  });

  it("keeps members from revoking someone else's token, and lets admins do it", async () => {
    const { secret, token } = await createApiToken(db, world.org.id, world.lead.id, "lead's script");
    for (const who of [world.member, world.viewer]) {
      signInAs(who.id);
      expect(await revokeApiTokenAction(undefined, form({ tokenId: token.id }))).toMatchObject({ status: "error", code: "not_found" });
    }
    expect(await works(secret)).toBe(200);
    signInAs(world.admin.id);
    expect(await revokeApiTokenAction(undefined, form({ tokenId: token.id }))).toMatchObject({ status: "success" });
    expect(await works(secret)).toBe(401);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { organizationId: world.org.id, action: "api_token.revoked", entityId: token.id } });
    expect(audit.actorId).toBe(world.admin.id);
  });

  it("answers 404 to another organisation's admin and changes nothing", async () => {
    const { secret, token } = await createApiToken(db, world.org.id, world.member.id, "kept");
    signInAs(other.owner.id);
    expect(await revokeApiTokenAction(undefined, form({ tokenId: token.id }))).toMatchObject({ status: "error", code: "not_found" });
    expect((await db.apiToken.findUniqueOrThrow({ where: { id: token.id } })).revokedAt).toBeNull();
    expect(await db.auditEvent.count({ where: { action: "api_token.revoked", entityId: token.id } })).toBe(0);
    expect(await works(secret)).toBe(200);
  });

  it("names the field for bad input", async () => {
    signInAs(world.member.id);
    expect(await revokeApiTokenAction(undefined, form({ tokenId: "12" }))).toMatchObject({ status: "error", code: "validation", fieldErrors: { tokenId: ["Choose a token"] } });
    expect(await revokeApiTokenAction(undefined, form({}))).toMatchObject({ status: "error", code: "validation", fieldErrors: { tokenId: [expect.any(String)] } });
  });
});
