import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { CreateOrganizationForm } from "@/components/organizations/create-organization-form";
import { getCurrentActor } from "@/lib/auth/session";
import { getSessionUserId } from "@/lib/auth/session-user";

export const metadata: Metadata = { title: "Welcome" };

export default async function WelcomePage() {
  if (!(await getSessionUserId())) redirect("/signin");
  if (await getCurrentActor()) redirect("/");
  return (
    <main className="mx-auto max-w-md px-4 py-16">
      <h1 className="text-xl font-semibold">You are not in an organisation yet</h1>
      <p className="mt-2 text-sm text-slate-700">
        Ask a colleague for an invitation link, or start a new organisation for your company.
      </p>
      <CreateOrganizationForm />
    </main>
  );
}
