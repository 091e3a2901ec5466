import { describe, expect, it } from "vitest";
import { resolveActor } from "@/lib/auth/actor";
import { db } from "@/lib/db/prisma";
import { switchOrganization } from "@/lib/organizations/switch";
import { addMember, createMember, createOrganization } from "@/prisma/factories";

describe("switching organisations", () => {
  it("moves a person between organisations they belong to, and never into one they do not", async () => {
    const home = await createOrganization(db);
    const second = await createOrganization(db);
    const stranger = await createOrganization(db);
    const person = await createMember(db, home.id, "member");
    await addMember(db, second.id, person.id, "viewer");

    await switchOrganization(person.id, second.id);
    expect((await resolveActor(person.id))).toMatchObject({ orgId: second.id, role: "viewer" });

    await expect(switchOrganization(person.id, stranger.id)).rejects.toMatchObject({ code: "not_found" });
    expect((await db.user.findUniqueOrThrow({ where: { id: person.id } })).lastOrganizationId).toBe(second.id);
    expect((await resolveActor(person.id))?.orgId).toBe(second.id);
  });

  it("refuses a token issued for an organisation the person has left", async () => {
    const org = await createOrganization(db);
    const person = await createMember(db, org.id, "member");
    await db.membership.deleteMany({ where: { organizationId: org.id, userId: person.id } });
    expect(await resolveActor(person.id, { via: "token", organizationId: org.id })).toBeNull();
  });
});
