import { z } from "zod";
import { idSchema, safeString } from "@/lib/http/schemas";

export const ApiTokenNameSchema = safeString({ error: "Name the token, for example after the script that uses it" })
  .trim()
  .min(1, "Name the token, for example after the script that uses it")
  .max(80, "Token names are at most 80 characters");

export const CreateApiTokenSchema = z.object({ name: ApiTokenNameSchema });
export type CreateApiTokenInput = z.output<typeof CreateApiTokenSchema>;

export const RevokeApiTokenSchema = z.object({ tokenId: idSchema("Choose a token") });
