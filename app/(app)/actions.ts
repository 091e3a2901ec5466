"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { getSessionUserId } from "@/lib/auth/session-user";
import { switchOrganization } from "@/lib/organizations/switch";

export async function switchOrganizationAction(formData: FormData): Promise<void> {
  const userId = await getSessionUserId();
  if (!userId) redirect("/signin");
  const organizationId = z.uuid().safeParse(formData.get("organizationId"));
  if (organizationId.success) await switchOrganization(userId, organizationId.data);
  redirect("/");
}
