import { describe, expect, it } from "vitest";
import { switchOrganizationAction } from "@/app/(app)/actions";
import { createOrganizationAction } from "@/app/welcome/actions";
import { resolveActor } from "@/lib/auth/actor";
import { db } from "@/lib/db/prisma";
import { addMember, createMember, createOrganization, createUser } from "@/prisma/factories";
import { signInAs } from "../helpers/session-state";

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return data;
};

/** next/navigation's redirect() throws; the address it carries is what the browser would be sent to. */
async function redirectOf(run: () => Promise<unknown>): Promise<string> {
  const error = (await run().then(
    () => null,
    (e: unknown) => e,
  )) as { digest?: string } | null;
  expect(error?.digest).toMatch(/^NEXT_REDIRECT/);
  return error!.digest!.split(";")[2]!;
}

describe("starting an organisation", () => {
  it("makes the signed-in person its owner, acting in it from now on, with the history written", async () => {
    const person = await createUser(db);
    signInAs(person.id);
    const state = await createOrganizationAction({ status: "idle" }, form({ name: "Ångström Labs" }));
    expect(state.status).toBe("success");
    const actor = await resolveActor(person.id);
    expect(actor).toMatchObject({ orgName: "Ångström Labs", role: "owner" });
    expect(actor!.orgSlug).toMatch(/^angstrom-labs/);
    const events = await db.auditEvent.findMany({ where: { organizationId: actor!.orgId }, select: { action: true } });
    expect(events.map((e) => e.action).sort()).toEqual(["member.joined", "organization.created"]);
  });

  it("refuses a missing name with a message on the field, and creates nothing", async () => {
    const person = await createUser(db);
    signInAs(person.id);
    const before = await db.organization.count();
    const state = await createOrganizationAction({ status: "idle" }, form({ name: "  " }));
    expect(state).toMatchObject({ status: "error", fieldErrors: { name: [expect.any(String)] } });
    expect(await db.organization.count()).toBe(before);
  });
});

describe("switching organisation from the header", () => {
  it("moves into an organisation the person belongs to, and ignores one they do not", async () => {
    const home = await createOrganization(db);
    const second = await createOrganization(db);
    const stranger = await createOrganization(db);
    const person = await createMember(db, home.id, "member");
    await addMember(db, second.id, person.id, "viewer");
    signInAs(person.id);
    expect(await redirectOf(() => switchOrganizationAction(form({ organizationId: second.id })))).toBe("/");
    expect(await resolveActor(person.id)).toMatchObject({ orgId: second.id, role: "viewer" });
    expect(await redirectOf(() => switchOrganizationAction(form({ organizationId: home.id })))).toBe("/");
    expect(await redirectOf(() => switchOrganizationAction(form({ organizationId: stranger.id })))).toBe("/");
    expect((await resolveActor(person.id))?.orgId).toBe(home.id);
    expect(await db.membership.count({ where: { organizationId: stranger.id, userId: person.id } })).toBe(0);
  });
});
