import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ImportWizard } from "@/components/import/import-wizard";
import { SettingsPageHeader } from "@/components/settings/settings-page-header";
import { CardSection } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { requirePageActor } from "@/lib/auth/session";
import { listCycles } from "@/lib/cycles/queries";
import { can } from "@/lib/permissions";
import { importSpreadsheetAction, previewImportAction } from "./actions";

export const metadata: Metadata = { title: "Import from a spreadsheet" };

const linkClass = "font-medium text-brand-700 underline underline-offset-2 hover:text-brand-800";

export default async function ImportPage() {
  const actor = await requirePageActor();
  // Members do not learn the page exists, as for another organisation's items.
  if (!can(actor, "cycle.manage") || !can(actor, "objective.create_company")) notFound();
  const { cycles, defaultCycleId } = await listCycles(actor);
  const open = cycles.filter((c) => c.state !== "closed").map((c) => ({ id: c.id, name: c.name }));
  return (
    <div className="max-w-5xl space-y-6">
      <SettingsPageHeader title="Import from a spreadsheet">
        Bring a cycle’s objectives and key results from a spreadsheet: Keel’s template, an export of Viva Goals, or a sheet from Quantive’s Excel utility. Keel
        lists every problem by row and column before anything is written, and imports the whole file or nothing.
      </SettingsPageHeader>
      <CardSection aria-labelledby="import-template-heading">
        <h2 id="import-template-heading" className="text-base font-semibold">
          The template
        </h2>
        <p className="mt-1 text-sm text-slate-700">
          One row per key result, with its objective repeated on each row. Owners are people’s emails (empty: you); teams are named as in Keel (empty: a
          company objective); a parent is the title of an objective in the file or already in the cycle.
        </p>
        <p className="mt-2 text-sm text-slate-700">
          Numbers: <code>1,200</code> and <code>1 200</code> read as twelve hundred; <code>1,5</code> is refused as ambiguous (write <code>1.5</code>); a{" "}
          <code>%</code>, <code>€</code>, <code>$</code>, <code>£</code> or <code>¥</code> sign becomes the unit when the Unit cell is empty. A target below the start
          makes a key result that decreases.
        </p>
        <p className="mt-3 flex flex-wrap gap-4 text-sm">
          <a href="/settings/organization/import/template?format=csv" className={linkClass} download>
            Download the template (CSV)
          </a>
          <a href="/settings/organization/import/template?format=xlsx" className={linkClass} download>
            Download the template (Excel)
          </a>
        </p>
      </CardSection>
      {open.length ? (
        <ImportWizard cycles={open} defaultCycleId={defaultCycleId} preview={previewImportAction} run={importSpreadsheetAction} />
      ) : (
        <EmptyState title="No open cycle">Create a cycle first: objectives are imported into a cycle in planning or active.</EmptyState>
      )}
    </div>
  );
}
