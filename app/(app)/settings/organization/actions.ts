"use server";

import { updateOrganizationSettings } from "@/lib/focus/mutations";
import { OrganizationSettingsSchema } from "@/lib/focus/schemas";
import { defineAction } from "@/lib/http/action";
import { updateQualityRules } from "@/lib/quality/mutations";
import { QualityRulesSchema } from "@/lib/quality/schemas";

export const updateOrganizationSettingsAction = defineAction({
  permission: "org.update",
  schema: OrganizationSettingsSchema,
  run: async ({ actor, input }) => {
    const org = await updateOrganizationSettings(actor, input);
    return { name: org.name };
  },
  message: "Organisation settings saved",
});

export const updateQualityRulesAction = defineAction({
  permission: "org.update",
  schema: QualityRulesSchema,
  run: async ({ actor, input }) => updateQualityRules(actor, input),
  message: "Quality coach saved",
});
