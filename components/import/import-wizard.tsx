"use client";

import Link from "next/link";
import { useId, useRef, useState, useTransition, type FormEvent } from "react";
import { useOrganizationId } from "@/components/shell/organization-provider";
import { Button } from "@/components/ui/button";
import { CardSection } from "@/components/ui/card";
import { Field, FormError, Select } from "@/components/ui/field";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow, TableRowHeader } from "@/components/ui/table";
import { useToast } from "@/components/ui/toast";
import type { ActionState, OrganizationTag } from "@/lib/http/action";
import { FIELD_INFO, IMPORT_FIELDS, columnLetter, type ImportField, type Mapping } from "@/lib/import/mapping";
import { MAX_FILE_BYTES } from "@/lib/import/limits";
import { problemPlace } from "@/lib/import/problems";
import type { ImportUpload } from "@/lib/import/schemas";
import type { PageImportResult } from "@/lib/import/service";
import { ORGANIZATION_FIELD } from "@/lib/http/organization-field";

type ImportAction = (state: ActionState<PageImportResult>, input: ImportUpload & OrganizationTag) => Promise<ActionState<PageImportResult>>;

interface Props {
  cycles: { id: string; name: string }[];
  defaultCycleId: string | null;
  preview: ImportAction;
  run: ImportAction;
}

const IDLE: ActionState<PageImportResult> = { status: "idle" };

/** The file's bytes as base64: the page keeps them and sends them with each step, so no server holds the upload. */
async function toBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

const plural = (n: number, noun: string) => `${n.toLocaleString("en")} ${noun}${n === 1 ? "" : "s"}`;

/**
 * Upload, match columns, preview every problem, import: the steps of one page. The import button only works on a
 * preview of the current file and mapping with no problem, and the server checks the file again anyway.
 */
export function ImportWizard({ cycles, defaultCycleId, preview, run }: Props) {
  const organizationId = useOrganizationId();
  const toast = useToast();
  const ids = useId();
  const resultsHeading = useRef<HTMLHeadingElement>(null);
  const [isPending, startTransition] = useTransition();
  const [cycleId, setCycleId] = useState(cycles.some((c) => c.id === defaultCycleId) ? defaultCycleId! : (cycles[0]?.id ?? ""));
  const [file, setFile] = useState<{ name: string; content: string } | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [state, setState] = useState(IDLE);
  const [mapping, setMapping] = useState<Mapping | null>(null);
  const [isMappingChanged, setIsMappingChanged] = useState(false);
  const [imported, setImported] = useState<{ cycleId: string; objectives: number; keyResults: number } | null>(null);

  const result = state.status === "success" ? state.data : null;
  const cycleName = cycles.find((c) => c.id === cycleId)?.name ?? "the cycle";

  function send(action: ImportAction, content: string, chosen: Mapping | undefined) {
    startTransition(async () => {
      const next = await action(IDLE, { cycleId, content, mapping: chosen, [ORGANIZATION_FIELD]: organizationId ?? undefined });
      setState(next);
      if (next.status !== "success") return;
      setMapping(next.data.mapping as Mapping);
      setIsMappingChanged(false);
      if (next.data.created) {
        setImported({ cycleId: next.data.cycleId, objectives: next.data.objectiveCount, keyResults: next.data.keyResultCount });
        if (next.message) toast(next.message);
        setFile(null);
        setState(IDLE);
        return;
      }
      requestAnimationFrame(() => resultsHeading.current?.focus());
    });
  }

  async function upload(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const chosen = (event.currentTarget.elements.namedItem("file") as HTMLInputElement | null)?.files?.[0];
    setImported(null);
    if (!chosen) return setFileError("Choose a .csv or .xlsx file");
    if (chosen.size > MAX_FILE_BYTES) return setFileError(`The file is ${(chosen.size / 1024 / 1024).toFixed(1)} MB; Keel imports files of at most 5 MB. Split it into several files.`);
    if (chosen.size === 0) return setFileError("The file is empty");
    setFileError(null);
    const content = await toBase64(chosen);
    setFile({ name: chosen.name, content });
    send(preview, content, undefined);
  }

  function chooseColumn(field: ImportField, value: string) {
    if (!mapping) return;
    setMapping({ ...mapping, [field]: value === "" ? null : Number(value) });
    setIsMappingChanged(true);
  }

  const errorMessage = state.status === "error" ? state.message : null;
  const canImport = !!file && !!result && !isMappingChanged && result.problemCount === 0 && result.objectiveCount > 0;

  return (
    <div className="space-y-6">
      {imported ? (
        <div role="status" className="rounded-lg bg-green-50 p-4 text-sm text-green-900 ring-1 ring-green-200" data-testid="import-done">
          Imported {plural(imported.objectives, "objective")} and {plural(imported.keyResults, "key result")}.{" "}
          <Link href={`/?cycle=${imported.cycleId}`} className="font-medium underline underline-offset-2">
            See the objectives of {cycles.find((c) => c.id === imported.cycleId)?.name ?? "the cycle"}
          </Link>
        </div>
      ) : null}

      <CardSection aria-labelledby={`${ids}-upload`}>
        <h2 id={`${ids}-upload`} className="text-base font-semibold">
          1. Choose the cycle and the file
        </h2>
        <form onSubmit={upload} className="mt-3 grid gap-4 sm:grid-cols-2">
          <Field id="import-cycle" label="Cycle to import into">
            <Select id="import-cycle" name="cycleId" value={cycleId} onChange={(e) => setCycleId(e.target.value)} required>
              {cycles.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </Select>
          </Field>
          <Field id="import-file" label="Spreadsheet (.csv or .xlsx, at most 5 MB)" errors={fileError ? [fileError] : undefined}>
            <input
              id="import-file"
              name="file"
              type="file"
              accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              aria-invalid={fileError ? true : undefined}
              aria-describedby={fileError ? "import-file-error" : undefined}
              onChange={() => {
                setFile(null);
                setState(IDLE);
                setMapping(null);
              }}
              className="block w-full text-sm text-slate-800 file:mr-3 file:rounded-md file:border-0 file:bg-slate-100 file:px-3 file:py-2 file:text-sm file:font-medium file:text-slate-900 hover:file:bg-slate-200 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600"
            />
          </Field>
          <div className="sm:col-span-2">
            <Button type="submit" disabled={isPending || !cycles.length}>
              {isPending && !result ? "Reading the file…" : "Upload"}
            </Button>
          </div>
        </form>
        <FormError id="import-error" message={errorMessage} />
      </CardSection>

      {result && mapping && file ? (
        <CardSection aria-labelledby={`${ids}-columns`}>
          <h2 id={`${ids}-columns`} className="text-base font-semibold">
            2. Check the columns of {file.name}
          </h2>
          <p className="mt-1 text-sm text-slate-700">
            Keel matched the columns it recognised. {result.shape === "typed-rows" ? "A Type column marks each row as an objective or a key result." : "Each row is a key result; rows with the same objective title belong to one objective."}
          </p>
          <div className="mt-3 grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
            {IMPORT_FIELDS.map((field) => (
              <Field key={field} id={`map-${field}`} label={FIELD_INFO[field].label} hint={FIELD_INFO[field].hint}>
                <Select id={`map-${field}`} aria-describedby={`map-${field}-hint`} value={mapping[field] === null ? "" : String(mapping[field])} onChange={(e) => chooseColumn(field, e.target.value)}>
                  <option value="">No column</option>
                  {result.headers.map((header, i) => (
                    <option key={i} value={i}>
                      {columnLetter(i)}: {header}
                    </option>
                  ))}
                </Select>
              </Field>
            ))}
          </div>
          <div className="mt-4">
            <Button type="button" variant="secondary" disabled={isPending} onClick={() => send(preview, file.content, mapping)}>
              {isPending ? "Checking…" : "Preview"}
            </Button>
          </div>
        </CardSection>
      ) : null}

      {result && file ? (
        <CardSection aria-labelledby={`${ids}-preview`}>
          <h2 id={`${ids}-preview`} ref={resultsHeading} tabIndex={-1} className="text-base font-semibold focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600">
            3. Preview: {plural(result.objectiveCount, "objective")} and {plural(result.keyResultCount, "key result")} for {cycleName}
          </h2>
          {isMappingChanged ? <p className="mt-1 text-sm text-amber-800">You changed the columns: press Preview to check the file with them.</p> : null}
          <ProblemList result={result} />
          {result.objectives.length ? <PreviewTable result={result} /> : null}
          <div className="mt-4 flex flex-wrap items-center gap-3">
            <Button type="button" disabled={!canImport || isPending} onClick={() => send(run, file.content, mapping ?? undefined)}>
              {isPending ? "Importing…" : `Import ${plural(result.objectiveCount, "objective")} and ${plural(result.keyResultCount, "key result")}`}
            </Button>
            {!canImport && result.problemCount > 0 ? <p className="text-sm text-slate-700">Fix the problems in the file and upload it again, or choose other columns.</p> : null}
          </div>
        </CardSection>
      ) : null}
    </div>
  );
}

function ProblemList({ result }: { result: PageImportResult }) {
  if (!result.problemCount) {
    return (
      <p className="mt-2 text-sm text-green-800" role="status">
        No problems: the file can be imported.
      </p>
    );
  }
  const more = result.problemCount - result.problems.length;
  return (
    <div className="mt-3 rounded-lg bg-red-50 p-4 ring-1 ring-red-200" role="region" aria-labelledby="import-problems-heading">
      <h3 id="import-problems-heading" className="text-sm font-semibold text-red-900" aria-live="polite">
        {plural(result.problemCount, "problem")}: nothing will be imported until every one is fixed
      </h3>
      <ul className="mt-2 max-h-96 list-disc space-y-1 overflow-y-auto pl-5 text-sm text-red-900" data-testid="import-problems">
        {result.problems.map((p, i) => (
          <li key={i}>
            <span className="font-medium">{problemPlace(p)}:</span> {p.message}
          </li>
        ))}
      </ul>
      {more > 0 ? <p className="mt-2 text-sm text-red-900">…and {plural(more, "more problem")}. Fix these and preview again.</p> : null}
    </div>
  );
}

function PreviewTable({ result }: { result: PageImportResult }) {
  const more = result.objectiveCount - result.objectives.length;
  return (
    <>
      <Table className="mt-4" data-testid="import-preview">
        <caption className="sr-only">Objectives and key results the file creates</caption>
        <TableHead>
          <TableRow>
            <TableHeader>Row</TableHeader>
            <TableHeader>Objective or key result</TableHeader>
            <TableHeader>Owner</TableHeader>
            <TableHeader>Team or parent</TableHeader>
            <TableHeader>Start → target (now)</TableHeader>
          </TableRow>
        </TableHead>
        <TableBody>
          {result.objectives.flatMap((o) => [
            <TableRow key={`o${o.row}`} className="bg-slate-50">
              <TableCell className="tabular-nums text-slate-600">{o.row}</TableCell>
              <TableRowHeader className="font-semibold">{o.title || "(no title)"}</TableRowHeader>
              <TableCell>{o.ownerEmail}</TableCell>
              <TableCell>
                {o.level === "company" ? "Company" : (o.teamName ?? "—")}
                {o.parentTitle ? <span className="block text-xs text-slate-600">under “{o.parentTitle}”</span> : null}
              </TableCell>
              <TableCell />
            </TableRow>,
            ...o.keyResults.map((k) => (
              <TableRow key={`k${k.row}`}>
                <TableCell className="tabular-nums text-slate-600">{k.row}</TableCell>
                <TableRowHeader className="pl-6">{k.title || "(no title)"}</TableRowHeader>
                <TableCell>{k.ownerEmail}</TableCell>
                <TableCell />
                <TableCell className="tabular-nums">
                  {k.startValue} → {k.targetValue} ({k.currentValue}) {k.unit}
                </TableCell>
              </TableRow>
            )),
          ])}
        </TableBody>
      </Table>
      {more > 0 ? <p className="mt-2 text-sm text-slate-700">…and {plural(more, "more objective")}, not listed here.</p> : null}
    </>
  );
}
