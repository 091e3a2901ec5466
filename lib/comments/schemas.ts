import { z } from "zod";

export const CreateCommentSchema = z.object({
  objectiveId: z.uuid({ error: "Choose the objective" }),
  body: z.string({ error: "Write a comment" }).trim().min(1, "Write a comment").max(4000, "Comments are at most 4000 characters"),
});
export type CreateCommentInput = z.output<typeof CreateCommentSchema>;

export const DeleteCommentSchema = z.object({ commentId: z.uuid({ error: "Not a comment id" }) });
