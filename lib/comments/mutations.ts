import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit";
import { assertCycleOpen } from "@/lib/cycles/mutations";
import { db } from "@/lib/db/prisma";
import { notFound } from "@/lib/errors";
import { assertCan } from "@/lib/permissions";
import type { CreateCommentInput } from "./schemas";

/** Anyone but a viewer may comment on any objective of their organisation, while its cycle is open. */
export async function addComment(actor: Actor, input: CreateCommentInput) {
  assertCan(actor, "comment.create");
  return db.$transaction(async (tx) => {
    const objective = await tx.objective.findFirst({ where: { id: input.objectiveId, organizationId: actor.orgId }, select: { id: true, cycle: { select: { state: true, name: true } } } });
    if (!objective) throw notFound("That objective");
    assertCycleOpen(objective.cycle);
    const comment = await tx.comment.create({
      data: { organizationId: actor.orgId, objectiveId: objective.id, authorId: actor.userId, body: input.body },
      select: { id: true, body: true, createdAt: true },
    });
    await recordAudit(tx, actor, { entityType: "comment", entityId: comment.id, action: "comment.created", after: { objectiveId: objective.id, body: comment.body } });
    return comment;
  });
}

/** Authors remove their own comments; admins may remove any. */
export async function deleteComment(actor: Actor, commentId: string) {
  return db.$transaction(async (tx) => {
    const comment = await tx.comment.findFirst({
      where: { id: commentId, organizationId: actor.orgId },
      select: { id: true, authorId: true, body: true, objectiveId: true, objective: { select: { cycle: { select: { state: true, name: true } } } } },
    });
    if (!comment) throw notFound("That comment");
    assertCan(actor, "comment.delete", { ownerIds: [comment.authorId], teamId: null });
    assertCycleOpen(comment.objective.cycle);
    await tx.comment.delete({ where: { id: comment.id } });
    await recordAudit(tx, actor, { entityType: "comment", entityId: comment.id, action: "comment.deleted", before: { objectiveId: comment.objectiveId, body: comment.body } });
  });
}
