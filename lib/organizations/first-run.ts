import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit";
import { db } from "@/lib/db/prisma";
import { notFound } from "@/lib/errors";

export interface FirstRunStep {
  key: "cycle" | "people" | "teams" | "objective";
  isDone: boolean;
}

export interface FirstRunGuide {
  isDismissed: boolean;
  steps: FirstRunStep[];
}

/**
 * The home page's first-run guide for a new organisation, each step read from the data: a cycle exists, someone
 * else was invited or has joined, a team exists, an objective exists. Dismissal is per member.
 */
export async function loadFirstRunGuide(orgId: string, userId: string): Promise<FirstRunGuide> {
  const [membership, cycle, others, invitation, team, objective] = await Promise.all([
    db.membership.findUnique({ where: { organizationId_userId: { organizationId: orgId, userId } }, select: { guideDismissedAt: true } }),
    db.cycle.findFirst({ where: { organizationId: orgId }, select: { id: true } }),
    db.membership.findFirst({ where: { organizationId: orgId, userId: { not: userId } }, select: { id: true } }),
    db.invitation.findFirst({ where: { organizationId: orgId }, select: { id: true } }),
    db.team.findFirst({ where: { organizationId: orgId }, select: { id: true } }),
    db.objective.findFirst({ where: { organizationId: orgId }, select: { id: true } }),
  ]);
  return firstRunGuide({
    isDismissed: Boolean(membership?.guideDismissedAt),
    hasCycle: Boolean(cycle),
    hasSomeoneElse: Boolean(others ?? invitation),
    hasTeam: Boolean(team),
    hasObjective: Boolean(objective),
  });
}

/** The guide from what the organisation has: for readers that learn these facts in a statement of their own (home). */
export function firstRunGuide(facts: { isDismissed: boolean; hasCycle: boolean; hasSomeoneElse: boolean; hasTeam: boolean; hasObjective: boolean }): FirstRunGuide {
  return {
    isDismissed: facts.isDismissed,
    steps: [
      { key: "cycle", isDone: facts.hasCycle },
      { key: "people", isDone: facts.hasSomeoneElse },
      { key: "teams", isDone: facts.hasTeam },
      { key: "objective", isDone: facts.hasObjective },
    ],
  };
}

/** Hides the guide for the signed-in member only; the others still see it until they hide it themselves. */
export async function dismissFirstRunGuide(actor: Actor): Promise<void> {
  await db.$transaction(async (tx) => {
    const updated = await tx.membership.updateMany({
      where: { organizationId: actor.orgId, userId: actor.userId, guideDismissedAt: null },
      data: { guideDismissedAt: new Date() },
    });
    const exists = updated.count > 0 || (await tx.membership.count({ where: { organizationId: actor.orgId, userId: actor.userId } })) > 0;
    if (!exists) throw notFound("Your membership");
    if (updated.count) await recordAudit(tx, actor, { entityType: "membership", entityId: actor.userId, action: "member.guide_dismissed" });
  });
}
