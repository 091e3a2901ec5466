import { beforeAll, describe, expect, it } from "vitest";
import { updateProfileAction } from "@/app/(app)/settings/profile/actions";
import { db } from "@/lib/db/prisma";
import { signInAs } from "../helpers/session-state";
import { createWorld, type World } from "../helpers/world";

let world: World;

beforeAll(async () => {
  world = await createWorld();
});

function form(fields: Record<string, string>) {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
}

describe("profile and reminder settings", () => {
  it("saves the name, time zone and reminder switch, with the change in the organisation's history", async () => {
    signInAs(world.member.id);
    const off = await updateProfileAction({ status: "idle" }, form({ name: "  Mia Member ", timeZone: "Europe/Helsinki" }));
    expect(off).toMatchObject({ status: "success", message: "Saved. Reminders off" });
    expect(await db.user.findUniqueOrThrow({ where: { id: world.member.id }, select: { name: true, timeZone: true, remindersEnabled: true } })).toEqual({
      name: "Mia Member",
      timeZone: "Europe/Helsinki",
      remindersEnabled: false,
    });
    const audit = await db.auditEvent.findFirst({ where: { organizationId: world.org.id, action: "user.profile_updated", entityId: world.member.id } });
    expect(audit?.after).toMatchObject({ timeZone: "Europe/Helsinki", remindersEnabled: false });

    const on = await updateProfileAction({ status: "idle" }, form({ name: "Mia Member", timeZone: "America/New_York", remindersEnabled: "on" }));
    expect(on).toMatchObject({ status: "success", message: "Saved. Reminders on, in America/New_York" });
  });

  it("refuses an unknown time zone or an empty name, naming the field, and changes nothing", async () => {
    signInAs(world.lead.id);
    const before = await db.user.findUniqueOrThrow({ where: { id: world.lead.id } });
    const zone = await updateProfileAction({ status: "idle" }, form({ name: "Lee", timeZone: "Mars/Olympus_Mons", remindersEnabled: "on" }));
    expect(zone).toMatchObject({ status: "error", code: "validation", fieldErrors: { timeZone: [expect.stringMatching(/Choose a time zone/)] }, values: { timeZone: "Mars/Olympus_Mons" } });
    const name = await updateProfileAction({ status: "idle" }, form({ name: "   ", timeZone: "UTC" }));
    expect(name).toMatchObject({ status: "error", fieldErrors: { name: ["Enter your name"] } });
    expect(await db.user.findUniqueOrThrow({ where: { id: world.lead.id } })).toEqual(before);

    signInAs(null);
    expect(await updateProfileAction({ status: "idle" }, form({ name: "Nobody", timeZone: "UTC" }))).toMatchObject({ status: "error", code: "unauthenticated" });
  });
});
