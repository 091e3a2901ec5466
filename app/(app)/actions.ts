"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { getSessionUserId } from "@/lib/auth/session-user";
import { AppError } from "@/lib/errors";
import { defineAction } from "@/lib/http/action";
import { dismissFirstRunGuide } from "@/lib/organizations/first-run";
import { switchOrganization } from "@/lib/organizations/switch";
import { IdSchema } from "@/lib/http/schemas";

export async function switchOrganizationAction(formData: FormData): Promise<void> {
  const userId = await getSessionUserId();
  if (!userId) redirect("/signin");
  const organizationId = IdSchema.safeParse(formData.get("organizationId"));
  if (organizationId.success) {
    // An organisation the person no longer belongs to (removed since the menu was drawn) leaves them where they are.
    await switchOrganization(userId, organizationId.data).catch((error: unknown) => {
      if (!(error instanceof AppError && error.code === "not_found")) throw error;
    });
  }
  redirect("/");
}

/** Hides the home page's first-run guide for the signed-in member (kept in the database, so on every device). */
export const dismissGuideAction = defineAction({
  permission: "org.read",
  schema: z.object({}),
  run: async ({ actor }) => dismissFirstRunGuide(actor),
  message: "Guide hidden. Everything it links to stays in the menus and under Ctrl K.",
});
