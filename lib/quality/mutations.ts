import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit";
import { db } from "@/lib/db/prisma";
import { notFound } from "@/lib/errors";
import { assertCan } from "@/lib/permissions";
import type { QualityRulesInput } from "./schemas";

/** Which quality coach rules the organisation switched off (`org.update`: owners and admins), with a history event. */
export async function updateQualityRules(actor: Actor, input: QualityRulesInput) {
  assertCan(actor, "org.update");
  return db.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ disabled: string[] }[]>`
      SELECT disabled_quality_rules AS disabled FROM organizations WHERE id = ${actor.orgId}::uuid FOR UPDATE`;
    const before = locked[0]?.disabled;
    if (!before) throw notFound("That organisation");
    const after = [...input.disabledRules].sort();
    if (before.length === after.length && [...before].sort().every((id, i) => id === after[i])) return { disabledRules: before };
    await tx.organization.update({ where: { id: actor.orgId }, data: { disabledQualityRules: after } });
    await recordAudit(tx, actor, {
      entityType: "organization",
      entityId: actor.orgId,
      action: "organization.quality_rules_changed",
      before: { disabledQualityRules: before },
      after: { disabledQualityRules: after },
    });
    return { disabledRules: after };
  });
}
