import { z } from "zod";
import { idSchema, safeString } from "@/lib/http/schemas";

export const CreateCommentSchema = z.object({
  objectiveId: idSchema("Choose the objective"),
  body: safeString({ error: "Write a comment", multiline: true }).trim().min(1, "Write a comment").max(4000, "Comments are at most 4000 characters"),
  /** One per draft, from the form: the same draft sent again (its first answer lost) makes no second comment. */
  submissionKey: z.uuid("The form's submission key is not valid; reload the page").optional(),
});
export type CreateCommentInput = z.output<typeof CreateCommentSchema>;

export const DeleteCommentSchema = z.object({ commentId: idSchema("Not a comment id") });
