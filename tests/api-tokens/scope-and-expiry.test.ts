import { randomUUID } from "node:crypto";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { GET as listTeamsRoute, POST as createTeamRoute } from "@/app/api/v1/teams/route";
import { revokeOrganizationApiTokenAction } from "@/app/(app)/settings/organization/tokens/actions";
import { createApiTokenAction } from "@/app/(app)/settings/tokens/actions";
import { listApiTokens, listOrganizationApiTokens } from "@/lib/api-tokens/queries";
import { resolveActor } from "@/lib/auth/actor";
import { db } from "@/lib/db/prisma";
import { createApiToken } from "@/prisma/factories";
import { callApi } from "../helpers/api";
import { signInAs } from "../helpers/session-state";
import { createWorld, type World } from "../helpers/world";

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
}

const DAY = 24 * 60 * 60 * 1000;

async function createAs(userId: string, fields: Record<string, string>) {
  signInAs(userId);
  const state = await createApiTokenAction(undefined, form(fields));
  if (state.status !== "success") throw new Error(`token refused: ${JSON.stringify(state)}`);
  return state.data;
}

async function createTeamWith(secret: string, name: string) {
  return callApi(createTeamRoute, { method: "POST", path: "/api/v1/teams", token: secret, body: { name } });
}

let world: World;
let other: World;

beforeAll(async () => {
  [world, other] = await Promise.all([createWorld(), createWorld()]);
});

beforeEach(() => signInAs(null));

describe("token scope", () => {
  it("lets a read-only token read and refuses its writes with 403, writing nothing", async () => {
    const token = await createAs(world.admin.id, { name: "dashboard", expiresIn: "30", scope: "read" });
    expect((await callApi(listTeamsRoute, { path: "/api/v1/teams", token: token.secret })).status).toBe(200);
    const name = `Read-only ${randomUUID().slice(0, 6)}`;
    const refused = await createTeamWith(token.secret, name);
    expect(refused.status).toBe(403);
    expect(refused.contentType).toBe("application/problem+json");
    expect(refused.json).toMatchObject({ detail: expect.stringMatching(/read-only/) });
    expect(await db.team.count({ where: { organizationId: world.org.id, name } })).toBe(0);
  });

  it("lets a write token act with its owner's role", async () => {
    const token = await createAs(world.admin.id, { name: "sync", expiresIn: "none", scope: "write" });
    const name = `Written ${randomUUID().slice(0, 6)}`;
    expect((await createTeamWith(token.secret, name)).status).toBe(201);
    expect(await db.team.count({ where: { organizationId: world.org.id, name } })).toBe(1);
  });

  it("stores the chosen expiry and scope, and refuses choices that are not offered", async () => {
    const before = Date.now();
    const thirty = await createAs(world.member.id, { name: "thirty", expiresIn: "30", scope: "read" });
    const forever = await createAs(world.member.id, { name: "forever", expiresIn: "none", scope: "write" });
    const rows = await db.apiToken.findMany({ where: { id: { in: [thirty.id, forever.id] } } });
    const byName = Object.fromEntries(rows.map((r) => [r.name, r]));
    expect(byName.thirty!.scope).toBe("read");
    expect(byName.thirty!.expiresAt!.getTime() - before).toBeGreaterThanOrEqual(30 * DAY - 1000);
    expect(byName.thirty!.expiresAt!.getTime() - before).toBeLessThan(30 * DAY + 60_000);
    expect(byName.forever).toMatchObject({ scope: "write", expiresAt: null });

    signInAs(world.member.id);
    expect(await createApiTokenAction(undefined, form({ name: "odd", expiresIn: "7", scope: "read" }))).toMatchObject({
      status: "error",
      fieldErrors: { expiresIn: [expect.stringMatching(/30, 90 or 365/)] },
    });
    expect(await createApiTokenAction(undefined, form({ name: "odd", expiresIn: "30", scope: "admin" }))).toMatchObject({
      status: "error",
      fieldErrors: { scope: [expect.any(String)] },
    });
    expect(await db.apiToken.count({ where: { userId: world.member.id, name: "odd" } })).toBe(0);
  });
});

describe("a viewer's tokens", () => {
  it("are read-only: a write token is refused on its field and nothing is stored", async () => {
    const name = `viewer-write-${randomUUID().slice(0, 6)}`;
    signInAs(world.viewer.id);
    expect(await createApiTokenAction(undefined, form({ name, expiresIn: "30", scope: "write" }))).toMatchObject({
      status: "error",
      fieldErrors: { scope: [expect.stringMatching(/viewer's token can only read/)] },
    });
    expect(await db.apiToken.count({ where: { userId: world.viewer.id, name } })).toBe(0);
    const readOnly = await createAs(world.viewer.id, { name, expiresIn: "30", scope: "read" });
    expect((await callApi(listTeamsRoute, { path: "/api/v1/teams", token: readOnly.secret })).status).toBe(200);
  });
});

describe("token expiry", () => {
  it("answers 401 to an expired token, even for reads, and drops it from the lists", async () => {
    const { secret, token } = await createApiToken(db, world.org.id, world.lead.id, "old script");
    expect((await callApi(listTeamsRoute, { path: "/api/v1/teams", token: secret })).status).toBe(200);
    await db.apiToken.update({ where: { id: token.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const refused = await callApi(listTeamsRoute, { path: "/api/v1/teams", token: secret });
    expect(refused.status).toBe(401);
    expect(refused.json).toMatchObject({ detail: expect.stringMatching(/expired/) });
    expect((await listApiTokens(world.org.id, world.lead.id)).map((t) => t.id)).not.toContain(token.id);
  });
});

describe("the organisation's tokens", () => {
  it("shows owners and admins every working token in their organisation with its owner, and nobody else's", async () => {
    const mine = await createApiToken(db, world.org.id, world.member.id, "member script");
    const revoked = await createApiToken(db, world.org.id, world.viewer.id, "revoked script");
    await db.apiToken.update({ where: { id: revoked.token.id }, data: { revokedAt: new Date() } });
    const elsewhere = await createApiToken(db, other.org.id, other.member.id, "other org script");
    for (const who of [world.owner, world.admin]) {
      const actor = (await resolveActor(who.id, { via: "session", organizationId: world.org.id }))!;
      const listed = await listOrganizationApiTokens(actor);
      const row = listed.find((t) => t.id === mine.token.id);
      expect(row).toMatchObject({ name: "member script", scope: "write", user: { id: world.member.id } });
      const ids = listed.map((t) => t.id);
      expect(ids).not.toContain(revoked.token.id);
      expect(ids).not.toContain(elsewhere.token.id);
    }
    for (const who of [world.member, world.viewer]) {
      const actor = (await resolveActor(who.id, { via: "session", organizationId: world.org.id }))!;
      await expect(listOrganizationApiTokens(actor)).rejects.toMatchObject({ code: "forbidden" });
    }
  });

  it("lets an admin revoke someone's token with an audit event; members are refused and another organisation's admin gets 404", async () => {
    const { secret, token } = await createApiToken(db, world.org.id, world.lead.id, "lead sync");
    signInAs(world.member.id);
    expect(await revokeOrganizationApiTokenAction(undefined, form({ tokenId: token.id }))).toMatchObject({ status: "error", code: "forbidden" });
    signInAs(other.admin.id);
    expect(await revokeOrganizationApiTokenAction(undefined, form({ tokenId: token.id }))).toMatchObject({ status: "error", code: "not_found" });
    expect((await db.apiToken.findUniqueOrThrow({ where: { id: token.id } })).revokedAt).toBeNull();
    expect((await callApi(listTeamsRoute, { path: "/api/v1/teams", token: secret })).status).toBe(200);

    signInAs(world.admin.id);
    expect(await revokeOrganizationApiTokenAction(undefined, form({ tokenId: token.id }))).toMatchObject({ status: "success" });
    expect((await callApi(listTeamsRoute, { path: "/api/v1/teams", token: secret })).status).toBe(401);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { organizationId: world.org.id, action: "api_token.revoked", entityId: token.id } });
    expect(audit.actorId).toBe(world.admin.id);
  });
});
