"use server";

import { z } from "zod";
import { addComment, deleteComment } from "@/lib/comments/mutations";
import { CreateCommentSchema, DeleteCommentSchema } from "@/lib/comments/schemas";
import { defineAction } from "@/lib/http/action";
import { createKeyResult, moveKeyResult, updateKeyResult } from "@/lib/key-results/mutations";
import { CreateKeyResultSchema, UpdateKeyResultSchema } from "@/lib/key-results/schemas";
import { abandonObjective, alignObjective, createObjective, moveObjective, updateObjective } from "@/lib/objectives/mutations";
import { AbandonObjectiveSchema, CreateObjectiveSchema, MoveSchema, ParentFieldSchema, UpdateObjectiveSchema } from "@/lib/objectives/schemas";
import { idSchema, VersionSchema } from "@/lib/http/schemas";
import { createInitiative, deleteInitiative, updateInitiative } from "@/lib/initiatives/mutations";
import { addDependency, addSupport, removeDependency, removeSupport } from "@/lib/dependencies/mutations";
import { AddDependencyFormSchema, AddSupportFormSchema } from "@/lib/dependencies/schemas";
import { CreateInitiativeSchema, DeleteInitiativeSchema, UpdateInitiativeSchema } from "@/lib/initiatives/schemas";

const ObjectiveRef = z.object({ objectiveId: idSchema("Not an objective id") });
const KeyResultRef = z.object({ keyResultId: idSchema("Not a key result id") });

/** Forms send the alignment as one picker field; the API sends the two ids. */
function splitParent(raw: unknown): unknown {
  if (!raw || typeof raw !== "object" || !("parent" in raw)) return raw;
  const { parent, ...rest } = raw as Record<string, unknown>;
  const parsed = ParentFieldSchema.safeParse(parent);
  // An unparseable choice is passed on as a bad id so the error lands on the alignment field.
  return parsed.success ? { ...rest, ...parsed.data } : { ...rest, parentObjectiveId: String(parent) };
}
/**
 * The form's key-result rows arrive as `keyResults.<row>.<field>`; gathered into a list in row order, so the
 * field errors come back as `keyResults.<row>.<field>` too and the form shows them on that row.
 */
function gatherKeyResultRows(raw: unknown): unknown {
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) return raw;
  const rest: Record<string, unknown> = {};
  const rows: Record<string, unknown>[] = [];
  for (const [key, value] of Object.entries(raw)) {
    const match = /^keyResults\.(\d{1,2})\.(\w+)$/.exec(key);
    if (!match) {
      rest[key] = value;
      continue;
    }
    const index = Number(match[1]);
    (rows[index] ??= {})[match[2]!] = value;
  }
  return rows.length ? { ...rest, keyResults: Array.from(rows, (row) => row ?? {}) } : rest;
}
const CreateObjectiveForm = z.preprocess((raw) => splitParent(gatherKeyResultRows(raw)), CreateObjectiveSchema);

export const createObjectiveAction = defineAction({
  permission: "objective.create",
  schema: CreateObjectiveForm,
  run: async ({ actor, input }) => {
    const objective = await createObjective(actor, input);
    return { id: objective.id, title: objective.title, keyResultCount: objective.keyResults.length };
  },
  message: (o) => (o.keyResultCount ? `“${o.title}” created with ${o.keyResultCount} key result${o.keyResultCount === 1 ? "" : "s"}` : `“${o.title}” created`),
});

export const updateObjectiveAction = defineAction({
  permission: "objective.update",
  schema: UpdateObjectiveSchema.and(ObjectiveRef),
  run: async ({ actor, input }) => {
    const { objectiveId, ...changes } = input;
    return { version: (await updateObjective(actor, objectiveId, changes)).version };
  },
  message: "Objective saved",
});

export const alignObjectiveAction = defineAction({
  permission: "objective.update",
  schema: z.object({ objectiveId: idSchema("Not an objective id"), version: VersionSchema, parent: ParentFieldSchema }),
  run: async ({ actor, input }) => ({ version: (await alignObjective(actor, input.objectiveId, { version: input.version, ...input.parent })).version }),
  message: "Alignment saved",
});

export const abandonObjectiveAction = defineAction({
  permission: "objective.update",
  schema: AbandonObjectiveSchema.and(ObjectiveRef),
  run: async ({ actor, input }) => ({ version: (await abandonObjective(actor, input.objectiveId, input)).version }),
  message: "Objective abandoned; the reason is in its history",
});

export const moveObjectiveAction = defineAction({
  permission: "objective.update",
  schema: MoveSchema.and(ObjectiveRef),
  run: async ({ actor, input }) => {
    const moved = await moveObjective(actor, input.objectiveId, input.direction);
    return { position: moved.position, title: moved.title, direction: input.direction };
  },
  // The list reorders without a page change; the toast is what tells a screen reader user the move happened.
  message: (m) => `Moved “${m.title}” ${m.direction}`,
});

export const createKeyResultAction = defineAction({
  permission: "keyresult.create",
  schema: CreateKeyResultSchema,
  run: async ({ actor, input }) => ({ id: (await createKeyResult(actor, input)).id }),
  message: "Key result added",
});

export const updateKeyResultAction = defineAction({
  permission: "keyresult.update",
  schema: UpdateKeyResultSchema.and(KeyResultRef),
  run: async ({ actor, input }) => {
    const { keyResultId, ...changes } = input;
    return { version: (await updateKeyResult(actor, keyResultId, changes)).version };
  },
  message: "Key result saved",
});

export const moveKeyResultAction = defineAction({
  permission: "keyresult.update",
  schema: MoveSchema.and(KeyResultRef),
  run: async ({ actor, input }) => ({ position: (await moveKeyResult(actor, input.keyResultId, input.direction)).position }),
});

export const addCommentAction = defineAction({
  permission: "comment.create",
  schema: CreateCommentSchema,
  run: async ({ actor, input }) => ({ id: (await addComment(actor, input)).id }),
  message: "Comment posted",
});

export const deleteCommentAction = defineAction({
  permission: "comment.delete",
  schema: DeleteCommentSchema,
  run: async ({ actor, input }) => {
    await deleteComment(actor, input.commentId);
    return { id: input.commentId };
  },
  message: "Comment deleted",
});

const InitiativeRef = z.object({ initiativeId: idSchema("Not an initiative id") });
const STATUS_WORDS = { planned: "planned", in_progress: "in progress", done: "done", dropped: "dropped" } as const;

export const createInitiativeAction = defineAction({
  permission: "initiative.manage",
  schema: CreateInitiativeSchema,
  run: async ({ actor, input }) => {
    const initiative = await createInitiative(actor, input);
    return { id: initiative.id, title: initiative.title };
  },
  message: (i) => `Initiative “${i.title}” added`,
});

export const updateInitiativeAction = defineAction({
  permission: "initiative.manage",
  schema: UpdateInitiativeSchema.and(InitiativeRef),
  run: async ({ actor, input }) => {
    const { initiativeId, ...changes } = input;
    const updated = await updateInitiative(actor, initiativeId, changes);
    return { version: updated.version, title: updated.title, status: updated.status };
  },
  message: (i) => `“${i.title}” is ${STATUS_WORDS[i.status]}`,
});

export const deleteInitiativeAction = defineAction({
  permission: "initiative.manage",
  schema: DeleteInitiativeSchema.and(InitiativeRef),
  run: async ({ actor, input }) => {
    const deleted = await deleteInitiative(actor, input.initiativeId, input.version);
    return { title: deleted.title };
  },
  message: (i) => `Initiative “${i.title}” removed`,
});

export const addDependencyAction = defineAction({
  permission: "keyresult.update",
  schema: AddDependencyFormSchema,
  run: async ({ actor, input }) => {
    await addDependency(actor, input.keyResultId, { dependsOnId: input.dependsOn.slice("key_result:".length).toLowerCase() });
    return { keyResultId: input.keyResultId };
  },
  message: "Dependency saved: both teams see it",
});

export const removeDependencyAction = defineAction({
  permission: "keyresult.update",
  schema: z.object({ keyResultId: idSchema("Not a key result id"), dependsOnId: idSchema("Not a key result id") }),
  run: async ({ actor, input }) => {
    await removeDependency(actor, input.keyResultId, input.dependsOnId);
    return { keyResultId: input.keyResultId };
  },
  message: "Dependency removed",
});

export const addSupportAction = defineAction({
  permission: "objective.update",
  schema: AddSupportFormSchema,
  run: async ({ actor, input }) => ({ id: (await addSupport(actor, input.objectiveId, input.target)).id }),
  message: "Saved: drawn dashed, not counted in progress",
});

export const removeSupportAction = defineAction({
  permission: "objective.update",
  schema: z.object({ objectiveId: idSchema("Not an objective id"), supportId: idSchema("Not a support id") }),
  run: async ({ actor, input }) => {
    await removeSupport(actor, input.objectiveId, input.supportId);
    return { id: input.supportId };
  },
  message: "No longer listed as supporting it",
});
