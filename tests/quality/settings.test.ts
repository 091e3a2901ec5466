import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { updateQualityRulesAction } from "@/app/(app)/settings/organization/actions";
import { db } from "@/lib/db/prisma";
import { loadPlanningChecklist } from "@/lib/planning/queries";
import { getQualitySettings, loadObjectiveCoach } from "@/lib/quality/queries";
import { QUALITY_RULE_IDS } from "@/lib/quality/rules";
import { createCycle, createKeyResult, createMember, createObjective, createOrganization } from "@/prisma/factories";
import { signInAs } from "../helpers/session-state";
import { createWorld, type World } from "../helpers/world";

let world: World;
let outsider: { id: string; orgId: string };
let cycleId: string;
let objectiveId: string;

beforeAll(async () => {
  world = await createWorld();
  const other = await createOrganization(db);
  outsider = { id: (await createMember(db, other.id, "owner")).id, orgId: other.id };
  cycleId = (await createCycle(db, world.org.id, { state: "planning" })).id;
  const objective = await createObjective(db, world.org.id, { cycleId, ownerId: world.owner.id, teamId: world.team.id, title: "Make support calmer" });
  objectiveId = objective.id;
  await createKeyResult(db, world.org.id, { objectiveId, title: "Ship the new help centre", type: "yes_no", ownerId: world.lead.id });
});
beforeEach(() => signInAs(null));

/** The settings form as a browser sends it: the hidden empty entry, then a box per rule left ticked. */
function form(enabled: readonly string[]): FormData {
  const data = new FormData();
  data.append("enabledRules[]", "");
  for (const id of enabled) data.append("enabledRules[]", id);
  return data;
}
const idle = { status: "idle" } as const;
const allBut = (...off: string[]) => QUALITY_RULE_IDS.filter((id) => !off.includes(id));
const disabledOf = async (orgId: string) => (await getQualitySettings(orgId)).disabledRules;
const flaggedRules = async () => (await loadPlanningChecklist({ orgId: world.org.id }, cycleId)).quality.map((g) => g.ruleId);

describe("updateQualityRulesAction", () => {
  it("switches a rule off for the organisation, which removes its flags, and records who did it", async () => {
    expect(await flaggedRules()).toEqual(["missing_why", "output_key_result"]);
    signInAs(world.admin.id);
    const state = await updateQualityRulesAction(idle, form(allBut("output_key_result")));
    expect(state).toMatchObject({ status: "success", message: "Quality coach saved" });
    expect(await disabledOf(world.org.id)).toEqual(["output_key_result"]);
    expect(await flaggedRules()).toEqual(["missing_why"]);
    expect((await loadObjectiveCoach(world.org.id, objectiveId)).disabledRules).toEqual(["output_key_result"]);
    const event = await db.auditEvent.findFirst({ where: { organizationId: world.org.id, action: "organization.quality_rules_changed" }, orderBy: { createdAt: "desc" } });
    expect(event).toMatchObject({ actorId: world.admin.id, entityId: world.org.id, before: { disabledQualityRules: [] }, after: { disabledQualityRules: ["output_key_result"] } });

    // Ticking it again switches it back on.
    expect(await updateQualityRulesAction(idle, form(QUALITY_RULE_IDS))).toMatchObject({ status: "success" });
    expect(await disabledOf(world.org.id)).toEqual([]);
    expect(await flaggedRules()).toEqual(["missing_why", "output_key_result"]);
  });

  it("switches every rule off when no box is ticked, and writes no history when nothing changed", async () => {
    signInAs(world.owner.id);
    expect(await updateQualityRulesAction(idle, form([]))).toMatchObject({ status: "success" });
    expect(await disabledOf(world.org.id)).toEqual([...QUALITY_RULE_IDS].sort());
    expect(await flaggedRules()).toEqual([]);
    const events = () => db.auditEvent.count({ where: { organizationId: world.org.id, action: "organization.quality_rules_changed" } });
    const before = await events();
    expect(await updateQualityRulesAction(idle, form([]))).toMatchObject({ status: "success" });
    expect(await events()).toBe(before);
    expect(await updateQualityRulesAction(idle, form(QUALITY_RULE_IDS))).toMatchObject({ status: "success" });
  });

  it("refuses a rule id it does not know, naming it on the field, and changes nothing", async () => {
    signInAs(world.admin.id);
    const state = await updateQualityRulesAction(idle, form([...allBut("missing_why"), "no_such_rule"]));
    expect(state).toMatchObject({ status: "error", code: "validation", fieldErrors: { enabledRules: ["Not a quality coach rule: “no_such_rule”"] } });
    expect(await disabledOf(world.org.id)).toEqual([]);
  });

  it("is refused to members, leads and viewers, and another organisation's owner only changes their own", async () => {
    for (const userId of [world.member.id, world.lead.id, world.viewer.id]) {
      signInAs(userId);
      expect(await updateQualityRulesAction(idle, form([]))).toMatchObject({ status: "error", code: "forbidden" });
    }
    signInAs(outsider.id);
    expect(await updateQualityRulesAction(idle, form(allBut("missing_unit")))).toMatchObject({ status: "success" });
    expect(await disabledOf(world.org.id)).toEqual([]);
    expect(await disabledOf(outsider.orgId)).toEqual(["missing_unit"]);
  });
});

describe("loadObjectiveCoach", () => {
  it("tells where each key result's owner works and whether the objective is aligned, and nothing of another organisation", async () => {
    const coach = await loadObjectiveCoach(world.org.id, objectiveId);
    expect(coach).toMatchObject({ isAligned: false, teamObjectiveCounts: { [world.team.id]: 1 }, limits: { maxKeyResultsPerObjective: 5 } });
    expect(Object.values(coach.ownerTeams)).toEqual(["objective_team"]);
    await expect(loadObjectiveCoach(outsider.orgId, objectiveId)).rejects.toMatchObject({ code: "not_found" });
  });
});
