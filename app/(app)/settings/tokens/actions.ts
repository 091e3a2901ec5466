"use server";

import { createApiToken, revokeApiToken } from "@/lib/api-tokens/mutations";
import { CreateApiTokenSchema, RevokeApiTokenSchema } from "@/lib/api-tokens/schemas";
import { defineAction } from "@/lib/http/action";

export const createApiTokenAction = defineAction({
  permission: "token.manage",
  schema: CreateApiTokenSchema,
  run: async ({ actor, input }) => {
    const token = await createApiToken(actor, input);
    return { id: token.id, name: token.name, prefix: token.prefix, secret: token.secret };
  },
  message: (t) => `${t.name} created: copy the token now, it is shown only once`,
});

export const revokeApiTokenAction = defineAction({
  permission: "token.manage",
  schema: RevokeApiTokenSchema,
  run: async ({ actor, input }) => revokeApiToken(actor, input.tokenId),
  message: (t) => `${t.name} was revoked; it no longer works`,
});
