import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit";
import { weekOf } from "@/lib/dates/week";
import { db } from "@/lib/db/prisma";
import { appUrl } from "@/lib/email/links";
import { enqueueEmails, logUnsentEmails, type DeliveryMode } from "@/lib/email/outbox";
import { requestEmailDelivery } from "@/lib/jobs/boss";
import { conflict, invalid, notFound } from "@/lib/errors";
import { assertCan } from "@/lib/permissions";
import { nudgeEmail } from "@/lib/reminders/messages";

/**
 * A lead asks one person for this week's check-in on the team's key results: one mail, at most once per person,
 * team and week (the person's own week), and only while something is still missing.
 */
export async function nudgeToCheckIn(actor: Actor, input: { teamId: string; userId: string }, options: { now?: Date; mode?: DeliveryMode } = {}) {
  const now = options.now ?? new Date();
  const result = await db.$transaction(async (tx) => {
    const team = await tx.team.findFirst({ where: { id: input.teamId, organizationId: actor.orgId }, select: { id: true, name: true } });
    if (!team) throw notFound("That team");
    assertCan(actor, "checkin.nudge", { teamId: team.id });
    const membership = await tx.membership.findFirst({
      where: { organizationId: actor.orgId, userId: input.userId },
      select: { user: { select: { id: true, name: true, email: true, timeZone: true } } },
    });
    if (!membership) throw notFound("That person");
    const person = membership.user;
    if (person.id === actor.userId) throw invalid("userId", "Your own check-ins are on My week; nudge someone else");

    const week = weekOf(now, person.timeZone);
    const missing = await tx.keyResult.findMany({
      where: {
        organizationId: actor.orgId,
        ownerId: person.id,
        cycle: { organizationId: actor.orgId, state: "active" },
        objective: { organizationId: actor.orgId, teamId: team.id, state: { not: "abandoned" } },
        checkIns: { none: { week } },
      },
      select: { title: true },
      orderBy: { position: "asc" },
    });
    if (!missing.length) throw conflict(`${person.name} has no check-ins due for ${team.name} this week`);

    const created = await tx.nudge.createManyAndReturn({
      data: [{ organizationId: actor.orgId, teamId: team.id, fromUserId: actor.userId, toUserId: person.id, week }],
      skipDuplicates: true,
      select: { id: true },
    });
    if (!created.length) throw conflict(`${person.name} was already nudged for ${team.name} this week`);

    const mail = nudgeEmail({ orgName: actor.orgName, fromName: actor.name, toName: person.name, teamName: team.name, keyResults: missing.map((kr) => kr.title), link: appUrl("/my-week") });
    const emails = await enqueueEmails(tx, [{ organizationId: actor.orgId, to: person.email, kind: "nudge", ...mail }], options.mode);
    await recordAudit(tx, actor, { entityType: "nudge", entityId: created[0]!.id, action: "checkin.nudged", after: { teamId: team.id, userId: person.id, week, keyResults: missing.length } });
    return { name: person.name, emails };
  });
  logUnsentEmails(result.emails);
  await requestEmailDelivery();
  return { name: result.name };
}
