"use server";

import { defineUserAction } from "@/lib/http/action";
import { createOrganizationForUser } from "@/lib/organizations/create";
import { CreateOrganizationSchema } from "@/lib/organizations/schemas";

export const createOrganizationAction = defineUserAction({
  schema: CreateOrganizationSchema,
  run: async ({ userId, input }) => {
    const org = await createOrganizationForUser(userId, input.name);
    return { id: org.id };
  },
});
