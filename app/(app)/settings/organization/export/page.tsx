import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { SettingsPageHeader } from "@/components/settings/settings-page-header";
import { buttonClass } from "@/components/ui/button";
import { CardSection } from "@/components/ui/card";
import { requirePageActor } from "@/lib/auth/session";
import { can } from "@/lib/permissions";
import { ImportForm } from "./import-form";

export const metadata: Metadata = { title: "Export and import" };

export default async function ExportPage() {
  const actor = await requirePageActor();
  // Members do not learn the page exists, as for another organisation's items.
  if (!can(actor, "org.update")) notFound();
  return (
    <div className="max-w-4xl space-y-6">
      <SettingsPageHeader title={`Export and import ${actor.orgName}`}>
        Move an organisation between Keel servers, or keep a copy: one JSON file with every team, cycle, objective, key result, check-in and comment, and the
        history.
      </SettingsPageHeader>
      <CardSection aria-labelledby="export-heading">
        <h2 id="export-heading" className="text-base font-semibold">
          Download the organisation as JSON
        </h2>
        <p className="mt-1 text-sm text-slate-700">
          Secrets stay here: API tokens travel without their secrets, and webhooks, data sources and the Slack connection are left out (the file says so
          and why). The file holds people’s names and addresses: keep it as safe as the organisation itself.
        </p>
        <a href="/settings/organization/export/download" download className={`mt-3 ${buttonClass("secondary")}`}>
          Download JSON
        </a>
      </CardSection>
      {can(actor, "member.grant_owner") ? (
        <CardSection aria-labelledby="import-heading">
          <h2 id="import-heading" className="text-base font-semibold">
            Import a Keel export
          </h2>
          <p className="mt-1 text-sm text-slate-700">
            Only into an empty organisation: no teams or cycles yet, and you its only member. You stay its owner. People already on this Keel are matched
            by email address; the others get an account without a password and sign in by resetting it. The whole file is checked first, and either
            everything is imported or nothing is.
          </p>
          <ImportForm />
        </CardSection>
      ) : (
        <p className="text-sm text-slate-700">Only owners can import a file into the organisation.</p>
      )}
    </div>
  );
}
