"use server";

import { revokeApiToken } from "@/lib/api-tokens/mutations";
import { RevokeApiTokenSchema } from "@/lib/api-tokens/schemas";
import { defineAction } from "@/lib/http/action";

export const revokeOrganizationApiTokenAction = defineAction({
  permission: "token.manage_all",
  schema: RevokeApiTokenSchema,
  run: async ({ actor, input }) => revokeApiToken(actor, input.tokenId),
  message: (t) => `${t.name} was revoked; it no longer works`,
});
