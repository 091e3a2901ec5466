import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { GET as listTeamsRoute, POST as createTeamRoute } from "@/app/api/v1/teams/route";
import { createTeamAction } from "@/app/(app)/teams/actions";
import { encodeSession } from "@/lib/auth/jwt";
import { db } from "@/lib/db/prisma";
import { ORGANIZATION_FIELD, ORGANIZATION_HEADER } from "@/lib/http/organization-field";
import { switchOrganization } from "@/lib/organizations/switch";
import { addMember, createMember, createOrganization } from "@/prisma/factories";
import { callApi } from "../helpers/api";
import { signInAs } from "../helpers/session-state";

function teamForm(name: string, organizationId?: string): FormData {
  const data = new FormData();
  data.set("name", name);
  if (organizationId) data.set(ORGANIZATION_FIELD, organizationId);
  return data;
}

async function teamsNamed(name: string) {
  return db.team.findMany({ where: { name }, select: { organizationId: true } });
}

/** An admin of two organisations, currently switched to the first. */
async function personInTwoOrganizations() {
  const a = await createOrganization(db);
  const b = await createOrganization(db);
  const person = await createMember(db, a.id, "admin");
  await addMember(db, b.id, person.id, "admin");
  await switchOrganization(person.id, a.id);
  return { a, b, person };
}

/** Cookie-authenticated writes must come from Keel's own pages (lib/http/same-origin.ts). */
const SAME_ORIGIN = "http://localhost:3000";

async function sessionCookie(userId: string): Promise<string> {
  const token = await encodeSession({ token: { uid: userId, sv: 0 }, secret: process.env.NEXTAUTH_SECRET! });
  return `next-auth.session-token=${token}`;
}

beforeEach(() => signInAs(null));

describe("a form acts in the organisation its page showed", () => {
  it("refuses a form opened in A and sent after switching to B in another tab, writing nothing in either", async () => {
    const { a, b, person } = await personInTwoOrganizations();
    signInAs(person.id);
    const opened = teamForm(`Team ${randomUUID().slice(0, 8)}`, a.id);
    await switchOrganization(person.id, b.id);

    const state = await createTeamAction(undefined, opened);
    expect(state).toMatchObject({ status: "error", code: "conflict", message: expect.stringMatching(/switched organisation in another tab; reload/) });
    expect(await teamsNamed(String(opened.get("name")))).toEqual([]);
  });

  it("saves a form into the organisation it names when that is the current one", async () => {
    const { b, person } = await personInTwoOrganizations();
    signInAs(person.id);
    await switchOrganization(person.id, b.id);
    const name = `Team ${randomUUID().slice(0, 8)}`;
    expect(await createTeamAction(undefined, teamForm(name, b.id))).toMatchObject({ status: "success" });
    expect(await teamsNamed(name)).toEqual([{ organizationId: b.id }]);
  });

  it("refuses a form naming an organisation the person does not belong to", async () => {
    const { person } = await personInTwoOrganizations();
    const stranger = await createOrganization(db);
    signInAs(person.id);
    const name = `Team ${randomUUID().slice(0, 8)}`;
    expect(await createTeamAction(undefined, teamForm(name, stranger.id))).toMatchObject({ status: "error", code: "conflict" });
    expect(await teamsNamed(name)).toEqual([]);
  });

  it("checks an action called with an object the same way", async () => {
    const { a, b, person } = await personInTwoOrganizations();
    signInAs(person.id);
    await switchOrganization(person.id, b.id);
    const name = `Team ${randomUUID().slice(0, 8)}`;
    expect(await createTeamAction(undefined, { name, [ORGANIZATION_FIELD]: a.id })).toMatchObject({ status: "error", code: "conflict" });
    expect(await teamsNamed(name)).toEqual([]);
    expect(await createTeamAction(undefined, { name, [ORGANIZATION_FIELD]: b.id })).toMatchObject({ status: "success" });
    expect(await teamsNamed(name)).toEqual([{ organizationId: b.id }]);
  });
});

describe("an API call with the session cookie acts in the organisation it names", () => {
  it("writes into the organisation in Keel-Organization, whichever was switched to last", async () => {
    const { a, b, person } = await personInTwoOrganizations();
    const cookie = await sessionCookie(person.id);
    // Switched to B in another tab; the call still names A.
    await switchOrganization(person.id, b.id);
    const name = `Team ${randomUUID().slice(0, 8)}`;
    const created = await callApi(createTeamRoute, { method: "POST", path: "/api/v1/teams", body: { name }, headers: { cookie, origin: SAME_ORIGIN, [ORGANIZATION_HEADER]: a.id } });
    expect(created.status).toBe(201);
    expect(await teamsNamed(name)).toEqual([{ organizationId: a.id }]);
  });

  it("refuses a change that names no organisation when the person has several, and one naming a stranger's", async () => {
    const { person } = await personInTwoOrganizations();
    const stranger = await createOrganization(db);
    const cookie = await sessionCookie(person.id);
    const name = `Team ${randomUUID().slice(0, 8)}`;
    const unnamed = await callApi(createTeamRoute, { method: "POST", path: "/api/v1/teams", body: { name }, headers: { cookie, origin: SAME_ORIGIN } });
    expect(unnamed.status).toBe(400);
    expect(unnamed.json).toMatchObject({ detail: expect.stringMatching(/Keel-Organization/) });
    const foreign = await callApi(createTeamRoute, { method: "POST", path: "/api/v1/teams", body: { name }, headers: { cookie, origin: SAME_ORIGIN, [ORGANIZATION_HEADER]: stranger.id } });
    expect(foreign.status).toBe(403);
    expect(await teamsNamed(name)).toEqual([]);
    // Reads without the header still work, in the organisation last switched to.
    expect((await callApi(listTeamsRoute, { path: "/api/v1/teams", headers: { cookie } })).status).toBe(200);
  });

  it("needs no header for a person with one organisation", async () => {
    const org = await createOrganization(db);
    const person = await createMember(db, org.id, "admin");
    const name = `Team ${randomUUID().slice(0, 8)}`;
    const created = await callApi(createTeamRoute, { method: "POST", path: "/api/v1/teams", body: { name }, headers: { cookie: await sessionCookie(person.id), origin: SAME_ORIGIN } });
    expect(created.status).toBe(201);
    expect(await teamsNamed(name)).toEqual([{ organizationId: org.id }]);
  });
});
