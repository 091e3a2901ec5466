import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit";
import { db } from "@/lib/db/prisma";
import { notFound } from "@/lib/errors";
import { assertCan } from "@/lib/permissions";
import type { FocusLimitsInput, OrganizationSettingsInput } from "./schemas";

const SETTINGS = { id: true, name: true, maxObjectivesPerTeam: true, maxKeyResultsPerObjective: true, maxKeyResultsPerPerson: true } as const;
const LIMIT_KEYS = ["maxObjectivesPerTeam", "maxKeyResultsPerObjective", "maxKeyResultsPerPerson"] as const;

/** The organisation's name and focus limits (`org.update`: owners and admins). One history event per kind of change. */
export async function updateOrganizationSettings(actor: Actor, input: FocusLimitsInput & { name?: OrganizationSettingsInput["name"] }) {
  assertCan(actor, "org.update");
  return db.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM organizations WHERE id = ${actor.orgId}::uuid FOR UPDATE`;
    if (!locked.length) throw notFound("That organisation");
    const before = await tx.organization.findUniqueOrThrow({ where: { id: actor.orgId }, select: SETTINGS });
    const changedLimits = LIMIT_KEYS.filter((key) => before[key] !== input[key]);
    const isRenamed = input.name !== undefined && input.name !== before.name;
    if (!changedLimits.length && !isRenamed) return before;

    const after = await tx.organization.update({
      where: { id: actor.orgId },
      data: { ...(isRenamed ? { name: input.name } : {}), ...Object.fromEntries(changedLimits.map((key) => [key, input[key]])) },
      select: SETTINGS,
    });
    if (isRenamed) {
      await recordAudit(tx, actor, { entityType: "organization", entityId: actor.orgId, action: "organization.renamed", before: { name: before.name }, after: { name: after.name } });
    }
    if (changedLimits.length) {
      await recordAudit(tx, actor, {
        entityType: "organization",
        entityId: actor.orgId,
        action: "organization.focus_limits_changed",
        before: Object.fromEntries(changedLimits.map((key) => [key, before[key]])),
        after: Object.fromEntries(changedLimits.map((key) => [key, after[key]])),
      });
    }
    return after;
  });
}

/** Only the three focus limits, leaving the name alone. */
export async function updateFocusLimits(actor: Actor, input: FocusLimitsInput) {
  return updateOrganizationSettings(actor, input);
}
