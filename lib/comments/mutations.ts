import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit";
import { assertCycleOpen } from "@/lib/cycles/mutations";
import { db } from "@/lib/db/prisma";
import { Prisma } from "@/lib/generated/prisma/client";
import { notFound } from "@/lib/errors";
import { assertCan } from "@/lib/permissions";
import type { CreateCommentInput } from "./schemas";

const COMMENT_SELECT = { id: true, body: true, createdAt: true } as const;

/**
 * Anyone but a viewer may comment on any objective of their organisation, while its cycle is open. With a
 * submission key, a form sent again after its first answer was lost (a server stopped between the commit and the
 * answer) gets the comment the first one made rather than a second one.
 */
export async function addComment(actor: Actor, input: CreateCommentInput) {
  assertCan(actor, "comment.create");
  const { submissionKey } = input;
  const earlier = () =>
    submissionKey
      ? db.comment.findFirst({ where: { organizationId: actor.orgId, authorId: actor.userId, submissionKey, objectiveId: input.objectiveId }, select: COMMENT_SELECT })
      : Promise.resolve(null);
  const sent = await earlier();
  if (sent) return sent;
  try {
    return await createComment(actor, input);
  } catch (error) {
    // The same draft, sent twice at once: the other request's comment is this one's answer.
    const again = error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002" ? await earlier() : null;
    if (again) return again;
    throw error;
  }
}

function createComment(actor: Actor, input: CreateCommentInput) {
  return db.$transaction(async (tx) => {
    const objective = await tx.objective.findFirst({ where: { id: input.objectiveId, organizationId: actor.orgId }, select: { id: true, cycle: { select: { state: true, name: true } } } });
    if (!objective) throw notFound("That objective");
    assertCycleOpen(objective.cycle);
    const comment = await tx.comment.create({
      data: { organizationId: actor.orgId, objectiveId: objective.id, authorId: actor.userId, body: input.body, submissionKey: input.submissionKey ?? null },
      select: COMMENT_SELECT,
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
