import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { POST as postCheckIn, GET as listCheckInsRoute } from "@/app/api/v1/check-ins/route";
import { GET as getMe } from "@/app/api/v1/me/route";
import { POST as postObjective } from "@/app/api/v1/objectives/route";
import { GET as getObjectiveRoute, PATCH as patchObjective } from "@/app/api/v1/objectives/[id]/route";
import { createOrganizationApiTokenAction, revokeOrganizationApiTokenAction } from "@/app/(app)/settings/organization/tokens/actions";
import { removeMemberAction } from "@/app/(app)/members/actions";
import { getObjectivePage } from "@/lib/objectives/queries";
import { db } from "@/lib/db/prisma";
import { createKeyResult, createObjective } from "@/prisma/factories";
import { callApi } from "../helpers/api";
import { signInAs } from "../helpers/session-state";
import { createWorld, type World } from "../helpers/world";

type Created = { id: string; name: string; prefix: string; secret: string };

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
}

async function createAs(userId: string, name: string, scope: string): Promise<Created> {
  signInAs(userId);
  const state = await createOrganizationApiTokenAction(undefined, form({ name, scope, expiresIn: "365" }));
  if (state.status !== "success") throw new Error(`token refused: ${JSON.stringify(state)}`);
  return state.data;
}

let world: World;
let other: World;
let objectiveId: string;
let keyResultId: string;

beforeAll(async () => {
  [world, other] = await Promise.all([createWorld(), createWorld()]);
  const objective = await createObjective(db, world.org.id, { cycleId: world.cycle.id, ownerId: world.member.id, teamId: world.team.id, level: "team", title: "Warehouse throughput" });
  objectiveId = objective.id;
  keyResultId = (await createKeyResult(db, world.org.id, { objectiveId, ownerId: world.member.id, title: "Orders shipped per day", target: 1000 })).id;
});

beforeEach(() => signInAs(null));

describe("organisation API tokens", () => {
  it("are made by owners and admins only, each with an identity of its own that is nobody's membership", async () => {
    signInAs(world.member.id);
    expect(await createOrganizationApiTokenAction(undefined, form({ name: "Sneaky", scope: "write" }))).toMatchObject({ status: "error", code: "forbidden" });

    const created = await createAs(world.admin.id, "Warehouse sync", "checkins_write");
    const row = await db.apiToken.findUniqueOrThrow({ where: { id: created.id }, include: { user: true } });
    expect(row).toMatchObject({ kind: "organization", scope: "checkins_write", createdById: world.admin.id, organizationId: world.org.id });
    expect(row.user).toMatchObject({ isIntegration: true, name: "Warehouse sync", passwordHash: null, emailVerifiedAt: null });
    expect(await db.membership.count({ where: { userId: row.userId } })).toBe(0);

    const me = await callApi(getMe, { path: "/api/v1/me", token: created.secret });
    expect(me.json).toMatchObject({ data: { id: row.userId, name: "Warehouse sync", organization: { id: world.org.id }, token: { id: created.id, kind: "organization", scope: "checkins_write" } } });
  });

  it("with check-ins:write, check in on anyone's key result and record where the number came from, and change nothing else", async () => {
    const token = await createAs(world.owner.id, "Orders feed", "checkins_write");
    const res = await callApi(postCheckIn, { method: "POST", path: "/api/v1/check-ins", token: token.secret, body: { keyResultId, value: "640", confidence: "on_track", note: "From the warehouse system" } });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ value: "640", apiTokenId: token.id });

    const listed = await callApi(listCheckInsRoute, { path: `/api/v1/check-ins?keyResultId=${keyResultId}`, token: token.secret });
    expect(listed.json).toMatchObject({ data: [expect.objectContaining({ value: "640", apiTokenId: token.id })] });
    const page = await getObjectivePage(world.org.id, objectiveId);
    // The objective page's timeline says who checked in and through what.
    expect(page.checkIns.map((c) => ({ value: String(c.value), author: c.author, via: c.via }))).toEqual([{ value: "640", author: { name: "Orders feed", isIntegration: true }, via: { name: "Orders feed", kind: "organization" } }]);

    const objective = (await callApi(getObjectiveRoute, { path: "/x", token: token.secret, params: { id: objectiveId } })).json as { version: number };
    const refused = await callApi(patchObjective, { method: "PATCH", path: "/x", token: token.secret, params: { id: objectiveId }, body: { version: objective.version, title: "Renamed by a script" } });
    expect(refused.status).toBe(403);
    expect((await db.objective.findUniqueOrThrow({ where: { id: objectiveId } })).title).toBe("Warehouse throughput");
  });

  it("read only: reads, and refuses every write", async () => {
    const token = await createAs(world.admin.id, "Dashboard", "read");
    expect((await callApi(getObjectiveRoute, { path: "/x", token: token.secret, params: { id: objectiveId } })).status).toBe(200);
    const refused = await callApi(postCheckIn, { method: "POST", path: "/api/v1/check-ins", token: token.secret, body: { keyResultId, value: "1", confidence: "on_track" } });
    expect(refused.status).toBe(403);
  });

  it("with write, create objectives for a named owner, and keep working after the admin who made it leaves", async () => {
    const leaving = await db.membership.findFirstOrThrow({ where: { organizationId: world.org.id, userId: world.admin.id } });
    const token = await createAs(world.admin.id, "Planning import", "write");
    signInAs(world.owner.id);
    expect(await removeMemberAction(undefined, form({ userId: leaving.userId }))).toMatchObject({ status: "success" });

    const created = await callApi(postObjective, {
      method: "POST",
      path: "/api/v1/objectives",
      token: token.secret,
      body: { cycleId: world.cycle.id, level: "team", teamId: world.team.id, ownerId: world.lead.id, title: "Imported objective" },
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ ownerId: world.lead.id, title: "Imported objective" });
    const audit = await db.auditEvent.findFirstOrThrow({ where: { organizationId: world.org.id, action: "objective.created", apiTokenId: token.id } });
    expect(audit.entityId).toBe((created.json as { id: string }).id);
  });

  it("of another organisation see nothing of this one, and revoked ones stop at once", async () => {
    const foreign = await createAs(other.owner.id, "Foreign feed", "write");
    expect((await callApi(getObjectiveRoute, { path: "/x", token: foreign.secret, params: { id: objectiveId } })).status).toBe(404);
    const res = await callApi(postCheckIn, { method: "POST", path: "/api/v1/check-ins", token: foreign.secret, body: { keyResultId, value: "9999", confidence: "on_track" } });
    expect(res.status).toBe(404);
    expect(await db.checkIn.count({ where: { keyResultId, value: 9999 } })).toBe(0);

    signInAs(other.owner.id);
    expect(await revokeOrganizationApiTokenAction(undefined, form({ tokenId: foreign.id }))).toMatchObject({ status: "success" });
    expect((await callApi(getMe, { path: "/api/v1/me", token: foreign.secret })).status).toBe(401);
  });
});
