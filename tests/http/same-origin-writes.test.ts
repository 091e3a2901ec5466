import { beforeAll, describe, expect, it } from "vitest";
import { POST as closeCycle } from "@/app/api/v1/cycles/[id]/close/route";
import { GET as listCycles } from "@/app/api/v1/cycles/route";
import { PATCH as setTeamRole } from "@/app/api/v1/teams/[id]/members/[userId]/route";
import { encodeSession } from "@/lib/auth/jwt";
import { db } from "@/lib/db/prisma";
import { createApiToken, createCycle } from "@/prisma/factories";
import { callApi } from "../helpers/api";
import { createWorld, type World } from "../helpers/world";

// callApi addresses every request to http://localhost:3000, Keel's own origin here (NEXTAUTH_URL in the test setup).
const OWN = "http://localhost:3000";
// Same site, other origin: a page on another port or subdomain can make the browser send Keel's cookie.
const SAME_SITE_PAGES = ["http://localhost:4000", "http://evil.localhost:3000", "null"];

let world: World;
let cookie: string;

async function sessionCookie(userId: string): Promise<string> {
  const token = await encodeSession({ token: { uid: userId, sub: userId, sv: 0 }, secret: process.env.NEXTAUTH_SECRET! });
  return `next-auth.session-token=${token}`;
}

async function activeCycle() {
  return createCycle(db, world.org.id, { state: "active" });
}

async function stateOf(cycleId: string) {
  return (await db.cycle.findUniqueOrThrow({ where: { id: cycleId } })).state;
}

async function roleOfMember() {
  return (await db.teamMembership.findFirstOrThrow({ where: { teamId: world.team.id, userId: world.member.id } })).role;
}

beforeAll(async () => {
  world = await createWorld();
  cookie = await sessionCookie(world.admin.id);
});

describe("cookie-authenticated API writes from another page", () => {
  it("refuses a text/plain body that mentions application/json, and closes nothing", async () => {
    const cycle = await activeCycle();
    for (const type of ["text/plain; x=application/json", "text/plain;application/json", "application/x-www-form-urlencoded; application/json", "application/jsonp", "multipart/form-data; boundary=application/json"]) {
      const res = await callApi(closeCycle, {
        method: "POST",
        path: `/api/v1/cycles/${cycle.id}/close`,
        params: { id: cycle.id },
        headers: { cookie, origin: OWN, "content-type": type },
        body: JSON.stringify({ force: true }),
      });
      expect(res.status, type).toBe(400);
      expect(await stateOf(cycle.id)).toBe("active");
    }
  });

  it("refuses a JSON write whose Origin is another port, subdomain or opaque page, and writes nothing", async () => {
    const cycle = await activeCycle();
    for (const origin of SAME_SITE_PAGES) {
      const close = await callApi(closeCycle, { method: "POST", path: "/x", params: { id: cycle.id }, headers: { cookie, origin }, body: { force: true } });
      expect(close.status, origin).toBe(403);
      const promote = await callApi(setTeamRole, { method: "PATCH", path: "/x", params: { id: world.team.id, userId: world.member.id }, headers: { cookie, origin }, body: { role: "lead" } });
      expect(promote.status, origin).toBe(403);
    }
    expect(await stateOf(cycle.id)).toBe("active");
    expect(await roleOfMember()).toBe("member");
  });

  it("refuses a write that says nothing about where it came from", async () => {
    const cycle = await activeCycle();
    const res = await callApi(closeCycle, { method: "POST", path: "/x", params: { id: cycle.id }, headers: { cookie, "sec-fetch-site": "same-site" }, body: { force: true } });
    expect(res.status).toBe(403);
    expect(await stateOf(cycle.id)).toBe("active");
  });

  it("accepts the same write from a Keel page, with a charset or only Sec-Fetch-Site", async () => {
    const promote = await callApi(setTeamRole, {
      method: "PATCH",
      path: "/x",
      params: { id: world.team.id, userId: world.member.id },
      headers: { cookie, origin: OWN, "content-type": "application/json; charset=utf-8" },
      body: { role: "lead" },
    });
    expect(promote.status).toBe(200);
    expect(await roleOfMember()).toBe("lead");

    const cycle = await activeCycle();
    const close = await callApi(closeCycle, { method: "POST", path: "/x", params: { id: cycle.id }, headers: { cookie, "sec-fetch-site": "same-origin" }, body: { force: true } });
    expect(close.status).toBe(200);
    expect(await stateOf(cycle.id)).toBe("closed");
  });

  it("lets reads through from anywhere, and leaves API tokens alone", async () => {
    const read = await callApi(listCycles, { path: "/api/v1/cycles", headers: { cookie, origin: "http://localhost:4000" } });
    expect(read.status).toBe(200);

    const token = (await createApiToken(db, world.org.id, world.admin.id)).secret;
    const cycle = await activeCycle();
    const close = await callApi(closeCycle, { method: "POST", path: "/x", params: { id: cycle.id }, token, body: { force: true } });
    expect(close.status).toBe(200);
    expect(await stateOf(cycle.id)).toBe("closed");
  });
});
