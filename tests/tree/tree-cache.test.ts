import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as getTree } from "@/app/api/v1/cycles/[id]/tree/route";
import { POST as postCheckIn } from "@/app/api/v1/check-ins/route";
import { PATCH as patchObjective } from "@/app/api/v1/objectives/[id]/route";
import { PUT as putAlignment } from "@/app/api/v1/objectives/[id]/alignment/route";
import { POST as abandon } from "@/app/api/v1/objectives/[id]/abandon/route";
import { NextRequest } from "next/server";
import { db } from "@/lib/db/prisma";
import { TreeCache, chooseEncoding, loadTreeVersion } from "@/lib/tree/cache";
import { loadTreeJson } from "@/lib/tree/queries";
import type { TreePayload } from "@/lib/tree/payload";
import { createApiToken, createCycle, createKeyResult, createMember, createObjective, createOrganization, createTeam } from "@/prisma/factories";
import { callApi } from "../helpers/api";
import { createWorld, type World } from "../helpers/world";

let world: World;
const tokens: Record<"admin" | "member" | "viewer", string> = { admin: "", member: "", viewer: "" };
beforeAll(async () => {
  world = await createWorld();
  for (const who of ["admin", "member", "viewer"] as const) tokens[who] = (await createApiToken(db, world.org.id, world[who].id)).secret;
});

/** The raw answer of the tree route: status, headers and the body's bytes as sent (maybe compressed). */
async function fetchTree(token: string, cycleId: string, headers: Record<string, string> = {}) {
  const req = new NextRequest(new URL(`/api/v1/cycles/${cycleId}/tree`, "http://localhost:3000"), { headers: { authorization: `Bearer ${token}`, ...headers } });
  const res = await getTree(req, { params: Promise.resolve({ id: cycleId }) });
  return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
}

async function arrange(orgId = world.org.id, ownerId = world.member.id) {
  const cycle = await createCycle(db, orgId, { state: "active" });
  const company = await createObjective(db, orgId, { cycleId: cycle.id, ownerId, title: `Company ${cycle.id}` });
  const kr = await createKeyResult(db, orgId, { objectiveId: company.id, ownerId, title: "Revenue", target: 100 });
  return { cycle, company, kr };
}

describe("the tree's cache validators", () => {
  it("answers 304 with no body while nothing changed, and the same data compressed as asked", async () => {
    const { cycle } = await arrange();
    const first = await fetchTree(tokens.member, cycle.id);
    expect(first.status).toBe(200);
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(first.headers.get("cache-control")).toBe("private, no-cache");
    expect(first.headers.get("vary")).toBe("Accept-Encoding");
    expect(JSON.parse(first.body.toString("utf8"))).toEqual(JSON.parse(await loadTreeJson(world.org.id, cycle.id)));

    const again = await fetchTree(tokens.member, cycle.id, { "if-none-match": etag });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect(again.headers.get("etag")).toBe(etag);

    const br = await fetchTree(tokens.member, cycle.id, { "accept-encoding": "gzip, deflate, br" });
    expect(br.headers.get("content-encoding")).toBe("br");
    expect(brotliDecompressSync(br.body).equals(first.body)).toBe(true);
    // Each encoding is its own representation with its own strong tag; any of them proves the browser is current.
    expect(br.headers.get("etag")).not.toBe(etag);
    expect((await fetchTree(tokens.member, cycle.id, { "accept-encoding": "br", "if-none-match": `W/"x", ${etag}` })).status).toBe(304);
    const gz = await fetchTree(tokens.viewer, cycle.id, { "accept-encoding": "gzip;q=1, br;q=0" });
    expect(gz.headers.get("content-encoding")).toBe("gzip");
    expect(gunzipSync(gz.body).equals(first.body)).toBe(true);
  });

  it("gives a new ETag after a check-in, an edit, a realignment, an abandon and a team rename in the same organisation", async () => {
    const { cycle, company, kr } = await arrange();
    const team = await createTeam(db, world.org.id);
    const teamObjective = await createObjective(db, world.org.id, { cycleId: cycle.id, ownerId: world.member.id, teamId: team.id, title: "Team goal" });
    const doomed = await createKeyResult(db, world.org.id, { objectiveId: company.id, ownerId: world.member.id, title: "Doomed" });
    const seen = new Set<string>();
    const current = async () => {
      const res = await fetchTree(tokens.member, cycle.id);
      expect(res.status).toBe(200);
      return { etag: res.headers.get("etag")!, payload: JSON.parse(res.body.toString("utf8")) as TreePayload };
    };
    const expectNew = async (what: string) => {
      const { etag, payload } = await current();
      expect(seen.has(etag), `${what}: a new ETag`).toBe(false);
      seen.add(etag);
      return payload;
    };
    const before = await current();
    seen.add(before.etag);
    expect((await fetchTree(tokens.member, cycle.id, { "if-none-match": before.etag })).status).toBe(304);

    const checkIn = await callApi(postCheckIn, { method: "POST", path: "/api/v1/check-ins", token: tokens.member, body: { keyResultId: kr.id, value: "40", confidence: "off_track" } });
    expect(checkIn.status).toBe(201);
    let payload = await expectNew("a check-in");
    expect(payload.keyResults.confidence[payload.keyResults.title.indexOf("Revenue")]).toBe(2);
    // The browser's copy from before the check-in is not current any more.
    expect((await fetchTree(tokens.member, cycle.id, { "if-none-match": before.etag })).status).toBe(200);

    const edit = await callApi(patchObjective, { method: "PATCH", path: "/x", token: tokens.member, params: { id: company.id }, body: { version: 1, title: "Sharper company goal", reason: "Clearer" } });
    expect(edit.status).toBe(200);
    payload = await expectNew("an edit");
    expect(payload.objectives.title).toContain("Sharper company goal");

    const align = await callApi(putAlignment, { method: "PUT", path: "/x", token: tokens.admin, params: { id: teamObjective.id }, body: { version: 1, parentKeyResultId: kr.id } });
    expect(align.status).toBe(200);
    payload = await expectNew("a realignment");
    expect(payload.objectives.parentKr[payload.objectives.title.indexOf("Team goal")]).toBe(payload.keyResults.title.indexOf("Revenue"));

    const abandoned = await callApi(abandon, { method: "POST", path: "/x", token: tokens.admin, params: { id: teamObjective.id }, body: { version: 2, reason: "Market moved" } });
    expect(abandoned.status).toBe(200);
    payload = await expectNew("an abandon");
    expect(payload.objectives.state[payload.objectives.title.indexOf("Team goal")]).toBe(3);

    await db.team.update({ where: { id: team.id }, data: { name: `Renamed ${team.id}` } });
    payload = await expectNew("a team rename");
    expect(payload.teams.name).toContain(`Renamed ${team.id}`);

    await db.keyResult.delete({ where: { id: doomed.id } });
    payload = await expectNew("a deleted key result");
    expect(payload.keyResults.title).not.toContain("Doomed");
  });

  it("never lets one organisation's ETag answer for another's tree, even with the same data", async () => {
    const other = await createOrganization(db);
    const owner = await createMember(db, other.id, "owner");
    const otherToken = (await createApiToken(db, other.id, owner.id)).secret;
    const mine = await arrange();
    const theirs = await arrange(other.id, owner.id);
    const myTag = (await fetchTree(tokens.member, mine.cycle.id)).headers.get("etag")!;
    const theirAnswer = await fetchTree(otherToken, theirs.cycle.id, { "if-none-match": myTag });
    expect(theirAnswer.status).toBe(200);
    expect(theirAnswer.headers.get("etag")).not.toBe(myTag);
    // And a tag does not open another organisation's cycle: still 404, as without it.
    expect((await fetchTree(otherToken, mine.cycle.id, { "if-none-match": myTag })).status).toBe(404);
    expect(await loadTreeVersion(other.id, mine.cycle.id)).toBeNull();
  });
});

describe("the cache in each server's memory", () => {
  it("sees a change written through another server at once, because each use asks Postgres for the version", async () => {
    const { cycle, kr } = await arrange();
    const serverA = new TreeCache();
    const serverB = new TreeCache();
    const a1 = await serverA.get(world.org.id, cycle.id, "identity");
    const b1 = await serverB.get(world.org.id, cycle.id, "identity");
    expect(a1.etag).toBe(b1.etag);
    await db.keyResult.update({ where: { id: kr.id }, data: { title: "Renamed on server A" } });
    const b2 = await serverB.get(world.org.id, cycle.id, "identity");
    expect(b2.etag).not.toBe(b1.etag);
    expect(b2.body.toString("utf8")).toContain("Renamed on server A");
    expect((await serverB.get(world.org.id, cycle.id, "identity", [b2.etag])).notModified).toBe(true);
  });

  it("keeps within its byte budget, dropping the least recently used cycle", async () => {
    const one = await arrange();
    const two = await arrange();
    const size = (await new TreeCache().get(world.org.id, one.cycle.id, "identity")).body.length;
    // Room for about one cycle in three encodings, not two.
    const cache = new TreeCache(size * 3);
    await cache.get(world.org.id, one.cycle.id, "identity");
    await cache.get(world.org.id, two.cycle.id, "identity");
    expect(cache.heldBytes).toBeGreaterThan(0);
    expect(cache.heldBytes).toBeLessThanOrEqual(size * 3);
  });

  it("keeps a payload too large to hold plainly in its compressed forms, and still answers it plainly", async () => {
    const { cycle } = await arrange();
    const plain = (await new TreeCache().get(world.org.id, cycle.id, "identity")).body;
    // The plain form is more than a quarter of this budget; the compressed ones fit in it.
    const cache = new TreeCache(plain.length * 2);
    const first = await cache.get(world.org.id, cycle.id, "identity");
    expect(first.body.equals(plain)).toBe(true);
    expect(cache.heldBytes).toBeGreaterThan(0);
    expect(cache.heldBytes).toBeLessThan(plain.length);
    const again = await cache.get(world.org.id, cycle.id, "identity");
    expect(again.etag).toBe(first.etag);
    expect(again.body.equals(plain)).toBe(true);
    expect(gunzipSync((await cache.get(world.org.id, cycle.id, "gzip")).body).equals(plain)).toBe(true);
  });
});

describe("choosing an encoding", () => {
  it("prefers brotli, then gzip, and honours q=0", () => {
    expect(chooseEncoding("gzip, deflate, br")).toBe("br");
    expect(chooseEncoding("gzip")).toBe("gzip");
    expect(chooseEncoding("br;q=0, gzip;q=0.5")).toBe("gzip");
    expect(chooseEncoding("*")).toBe("br");
    expect(chooseEncoding("identity")).toBe("identity");
    expect(chooseEncoding(null)).toBe("identity");
    expect(chooseEncoding("*;q=0")).toBe("identity");
  });
});
