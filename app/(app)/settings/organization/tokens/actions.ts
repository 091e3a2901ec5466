"use server";

import { createOrganizationApiToken, revokeApiToken } from "@/lib/api-tokens/mutations";
import { CreateOrganizationApiTokenSchema, RevokeApiTokenSchema } from "@/lib/api-tokens/schemas";
import { defineAction } from "@/lib/http/action";

export const createOrganizationApiTokenAction = defineAction({
  permission: "token.manage_all",
  schema: CreateOrganizationApiTokenSchema,
  run: async ({ actor, input }) => {
    const token = await createOrganizationApiToken(actor, input);
    return { id: token.id, name: token.name, prefix: token.prefix, secret: token.secret };
  },
  message: (t) => `${t.name} created: copy the token now, it is shown only once`,
});

export const revokeOrganizationApiTokenAction = defineAction({
  permission: "token.manage_all",
  schema: RevokeApiTokenSchema,
  run: async ({ actor, input }) => revokeApiToken(actor, input.tokenId),
  message: (t) => `${t.name} was revoked; it no longer works`,
});
