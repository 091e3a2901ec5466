import { z } from "zod";
import { idSchema, safeString } from "@/lib/http/schemas";

export const CreateCommentSchema = z.object({
  objectiveId: idSchema("Choose the objective"),
  body: safeString({ error: "Write a comment", multiline: true }).trim().min(1, "Write a comment").max(4000, "Comments are at most 4000 characters"),
});
export type CreateCommentInput = z.output<typeof CreateCommentSchema>;

export const DeleteCommentSchema = z.object({ commentId: idSchema("Not a comment id") });
