import { describe, expect, it } from "vitest";
import { can, hasGrant, mayWrite, type PermissionSubject } from "./permissions";

const subject = (role: PermissionSubject["role"], ledTeamIds: string[] = []): PermissionSubject => ({ userId: "me", role, ledTeamIds: new Set(ledTeamIds) });
const theirs = { ownerIds: ["someone"], teamId: "team-a" };
const mine = { ownerIds: ["me"], teamId: "team-a" };

describe("permissions", () => {
  it("lets owners and admins do everything in the organisation", () => {
    for (const role of ["owner", "admin"] as const) {
      expect(can(subject(role), "objective.update", theirs)).toBe(true);
      expect(can(subject(role), "cycle.manage")).toBe(true);
      expect(can(subject(role), "objective.create_company")).toBe(true);
    }
  });

  it("says only viewers may change nothing at all", () => {
    expect(["owner", "admin", "member", "viewer"].map((role) => mayWrite(subject(role as PermissionSubject["role"])))).toEqual([true, true, true, false]);
  });

  it("keeps making owners to owners", () => {
    expect(can(subject("owner"), "member.grant_owner")).toBe(true);
    expect(can(subject("admin"), "member.grant_owner")).toBe(false);
  });

  it("lets a member change their own objectives but not someone else's", () => {
    expect(can(subject("member"), "objective.update", mine)).toBe(true);
    expect(can(subject("member"), "objective.update", theirs)).toBe(false);
    expect(can(subject("member"), "keyresult.update", { ownerIds: ["someone", "me"], teamId: null })).toBe(true);
  });

  it("lets a team lead change the team's objectives, and those of teams beneath it", () => {
    expect(can(subject("member", ["team-a"]), "objective.update", theirs)).toBe(true);
    expect(can(subject("member", ["team-b"]), "objective.update", theirs)).toBe(false);
    expect(can(subject("member", ["team-a"]), "objective.update", { ownerIds: ["someone"], teamId: null })).toBe(false);
  });

  it("lets members comment anywhere but not manage cycles, teams or people", () => {
    expect(can(subject("member"), "comment.create")).toBe(true);
    expect(can(subject("member"), "cycle.manage")).toBe(false);
    expect(can(subject("member"), "team.manage")).toBe(false);
    expect(can(subject("member"), "member.invite")).toBe(false);
    expect(can(subject("member"), "objective.create_company")).toBe(false);
  });

  it("keeps viewers to reading, even on their own things", () => {
    expect(can(subject("viewer"), "objective.read")).toBe(true);
    expect(can(subject("viewer"), "objective.update", mine)).toBe(false);
    expect(can(subject("viewer"), "checkin.create", mine)).toBe(false);
    expect(can(subject("viewer"), "comment.create")).toBe(false);
    expect(hasGrant(subject("viewer"), "objective.update")).toBe(false);
  });

  it("needs a resource for scoped grants", () => {
    expect(can(subject("member"), "objective.update")).toBe(false);
  });
});
