import type { Metadata } from "next";
import { SettingsPageHeader } from "@/components/settings/settings-page-header";
import { notFound } from "next/navigation";
import { CreateDataSourceForm } from "@/components/data-sources/create-data-source-form";
import { ActionButton } from "@/components/ui/action-button";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { requirePageActor } from "@/lib/auth/session";
import { listDataSources } from "@/lib/data-sources/queries";
import { DATA_SOURCE_KIND_LABEL } from "@/lib/data-sources/schemas";
import { can } from "@/lib/permissions";
import { deleteDataSourceAction } from "./actions";

export const metadata: Metadata = { title: "Data sources" };

export default async function DataSourcesPage() {
  const actor = await requirePageActor();
  if (!can(actor, "datasource.manage")) notFound();
  const sources = await listDataSources(actor.orgId);
  return (
    <div className="max-w-4xl space-y-6">
      <SettingsPageHeader title={`Data sources in ${actor.orgName}`}>
        Numbers that already live in a dashboard or a database can feed key results directly: Keel reads them on a schedule and records each as a check-in
        by the source. Key result owners choose what to read on the key result (“Feed from data”); they still set confidence and notes. A read that fails
        records nothing and tells the owner.
      </SettingsPageHeader>
      <CreateDataSourceForm />
      {sources.length === 0 ? (
        <EmptyState title="No data sources yet">Add an HTTP API, a Prometheus server or a PostgreSQL database above.</EmptyState>
      ) : (
        <ul aria-label="Data sources" className="divide-y divide-slate-100 rounded-xl bg-white shadow-xs ring-1 ring-slate-200">
          {sources.map((s) => (
            <li key={s.id} data-testid="data-source-row" className="flex flex-wrap items-center gap-3 px-4 py-3 text-sm">
              <div className="min-w-48 flex-1">
                <p className="font-medium text-slate-900">{s.name}</p>
                <p className="break-all text-xs text-slate-700">{s.url ?? "connection string stored encrypted"}</p>
              </div>
              <Badge>{DATA_SOURCE_KIND_LABEL[s.kind]}</Badge>
              <span className="text-xs text-slate-700">
                {s.feedCount} key result{s.feedCount === 1 ? "" : "s"} fed
              </span>
              <ActionButton
                action={deleteDataSourceAction}
                fields={{ dataSourceId: s.id }}
                label="Delete"
                variant="ghost"
                accessibleLabel={`Delete the data source ${s.name}`}
                confirm={{ title: `Delete ${s.name}?`, description: "The key results it feeds stop being read; the check-ins it recorded stay.", confirmLabel: "Delete data source" }}
              />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
