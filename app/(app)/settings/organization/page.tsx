import type { Metadata } from "next";
import Link from "next/link";
import { OrganizationSettingsForm } from "@/components/focus/organization-settings-form";
import { QualityRulesForm } from "@/components/quality/quality-rules-form";
import { requirePageActor } from "@/lib/auth/session";
import { getOrganizationSettings } from "@/lib/focus/queries";
import { can } from "@/lib/permissions";
import { getQualitySettings } from "@/lib/quality/queries";
import { QUALITY_RULES } from "@/lib/quality/rules";
import { CardSection } from "@/components/ui/card";
import { updateQualityRulesAction } from "./actions";

export const metadata: Metadata = { title: "Organisation settings" };

const LIMIT_ROWS = [
  ["maxObjectivesPerTeam", "Objectives per team"],
  ["maxKeyResultsPerObjective", "Key results per objective"],
  ["maxKeyResultsPerPerson", "Key results per person"],
] as const;

export default async function OrganizationSettingsPage() {
  const actor = await requirePageActor();
  const [settings, quality] = await Promise.all([getOrganizationSettings(actor.orgId), getQualitySettings(actor.orgId)]);
  const canEdit = can(actor, "org.update");
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">Organisation settings</h1>
      <CardSection aria-labelledby="org-settings-heading">
        <h2 id="org-settings-heading" className="text-base font-semibold">
          {settings.name}
        </h2>
        {canEdit ? (
          <div className="mt-3">
            <OrganizationSettingsForm
              settings={{
                name: settings.name,
                maxObjectivesPerTeam: settings.maxObjectivesPerTeam,
                maxKeyResultsPerObjective: settings.maxKeyResultsPerObjective,
                maxKeyResultsPerPerson: settings.maxKeyResultsPerPerson,
              }}
            />
          </div>
        ) : (
          <>
            <p className="mt-1 text-sm text-slate-700">Owners and admins set these limits. Keel marks teams, objectives and people past them.</p>
            <dl className="mt-3 grid gap-4 sm:grid-cols-3" data-testid="focus-limits">
              {LIMIT_ROWS.map(([key, label]) => (
                <div key={key}>
                  <dt className="text-sm text-slate-700">{label}</dt>
                  <dd className="text-2xl font-semibold text-slate-900">{settings[key]}</dd>
                </div>
              ))}
            </dl>
          </>
        )}
      </CardSection>
      <CardSection aria-labelledby="quality-heading">
        <h2 id="quality-heading" className="text-base font-semibold">
          Quality coach
        </h2>
        <p className="mt-1 text-sm text-slate-700">
          Rules that point out, while people write, where an objective or key result drifts from a good one: an outcome with a number, a reason, a clear owner.
        </p>
        {canEdit ? (
          <div className="mt-3">
            <QualityRulesForm action={updateQualityRulesAction} disabledRules={quality.disabledRules} />
          </div>
        ) : (
          <ul className="mt-3 space-y-2 text-sm" data-testid="quality-rules">
            {QUALITY_RULES.map((rule) => (
              <li key={rule.id}>
                <span className="font-medium text-slate-900">{rule.label}</span>: {quality.disabledRules.includes(rule.id) ? "off" : "on"}
                <span className="block text-slate-700">{rule.description}</span>
              </li>
            ))}
          </ul>
        )}
      </CardSection>
      {can(actor, "token.manage_all") ? (
        <p className="text-sm">
          <Link href="/settings/organization/tokens" className="font-medium text-brand-700 underline underline-offset-2 hover:text-brand-800">
            Review the organisation’s API tokens
          </Link>
        </p>
      ) : null}
      {can(actor, "webhook.manage") ? (
        <p className="text-sm">
          <Link href="/settings/organization/webhooks" className="font-medium text-brand-700 underline underline-offset-2 hover:text-brand-800">
            Webhooks: send Keel’s events to other tools
          </Link>
        </p>
      ) : null}
      {can(actor, "datasource.manage") ? (
        <p className="text-sm">
          <Link href="/settings/organization/data-sources" className="font-medium text-brand-700 underline underline-offset-2 hover:text-brand-800">
            Data sources: feed key results from APIs, Prometheus or databases
          </Link>
        </p>
      ) : null}
      {canEdit ? (
        <p className="text-sm">
          <Link href="/settings/organization/slack" className="font-medium text-brand-700 underline underline-offset-2 hover:text-brand-800">
            Slack: reminders, check-ins and /keel in your workspace
          </Link>
        </p>
      ) : null}
      {can(actor, "cycle.manage") && can(actor, "objective.create_company") ? (
        <p className="text-sm">
          <Link href="/settings/organization/import" className="font-medium text-brand-700 underline underline-offset-2 hover:text-brand-800">
            Import from a spreadsheet
          </Link>
        </p>
      ) : null}
      {canEdit ? (
        <p className="text-sm">
          <Link href="/settings/organization/export" className="font-medium text-brand-700 underline underline-offset-2 hover:text-brand-800">
            Export and import: the organisation as one JSON file
          </Link>
        </p>
      ) : null}
    </div>
  );
}
