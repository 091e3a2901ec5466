"use server";

import { updateOrganizationSettings } from "@/lib/focus/mutations";
import { OrganizationSettingsSchema } from "@/lib/focus/schemas";
import { defineAction } from "@/lib/http/action";

export const updateOrganizationSettingsAction = defineAction({
  permission: "org.update",
  schema: OrganizationSettingsSchema,
  run: async ({ actor, input }) => {
    const org = await updateOrganizationSettings(actor, input);
    return { name: org.name };
  },
  message: "Organisation settings saved",
});
