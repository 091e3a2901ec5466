"use client";

import { useRef, useState, useTransition, type FormEvent } from "react";
import { useOrganizationId } from "@/components/shell/organization-provider";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";
import { useActionToast } from "@/components/ui/toast";
import type { ImportCounts } from "@/lib/export/document";
import { IMPORT_MAX_BYTES, IMPORT_MAX_MEGABYTES } from "@/lib/export/limits";
import type { ActionState } from "@/lib/http/action";
import { ORGANIZATION_FIELD } from "@/lib/http/organization-field";
import { importOrganizationAction } from "./actions";

const IDLE: ActionState<ImportCounts> = { status: "idle" };

/** Reads the chosen file in the browser and sends its text; every problem the server finds is listed under the form. */
export function ImportForm() {
  const organizationId = useOrganizationId();
  const input = useRef<HTMLInputElement>(null);
  const [state, setState] = useState<ActionState<ImportCounts>>(IDLE);
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const [isPending, startTransition] = useTransition();
  useActionToast(state);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const file = input.current?.files?.[0];
    if (!file) return setFileProblem("Choose a Keel export file (.json)");
    // Said before a large upload, not after it.
    if (file.size > IMPORT_MAX_BYTES) return setFileProblem(`The file is larger than ${IMPORT_MAX_MEGABYTES} MB, the most one import takes`);
    setFileProblem(null);
    startTransition(async () => {
      const document = await file.text();
      setState(await importOrganizationAction(IDLE, { document, [ORGANIZATION_FIELD]: organizationId ?? undefined }));
    });
  }

  const problems = state.status === "error" ? Object.entries(state.fieldErrors).filter(([path]) => path !== "document") : [];
  const documentError = fileProblem ?? (state.status === "error" ? (state.fieldErrors.document?.[0] ?? null) : null);
  return (
    <form onSubmit={submit} className="mt-3 space-y-4" aria-describedby="import-error">
      <div className="space-y-1">
        <label htmlFor="import-file" className="block text-sm font-medium text-slate-800">
          Keel export file (.json)
        </label>
        <input
          ref={input}
          id="import-file"
          name="file"
          type="file"
          accept="application/json,.json"
          required
          aria-invalid={documentError ? true : undefined}
          aria-describedby={documentError ? "import-file-error" : "import-file-hint"}
          className="block w-full text-sm text-slate-800 file:mr-3 file:rounded-md file:border-0 file:bg-slate-100 file:px-3 file:py-2 file:text-sm file:font-medium file:text-slate-900 hover:file:bg-slate-200"
        />
        {documentError ? null : (
          <p id="import-file-hint" className="text-xs text-slate-600">
            At most {IMPORT_MAX_MEGABYTES} MB, downloaded from a Keel of this version.
          </p>
        )}
        <p id="import-file-error" aria-live="polite" className="text-sm text-red-700">
          {documentError ?? ""}
        </p>
      </div>
      <FormError id="import-error" message={state.status === "error" && !documentError ? state.message : null} />
      {problems.length ? (
        <div data-testid="import-problems">
          <h3 className="text-sm font-semibold text-slate-900">Problems in the file, by where they are</h3>
          <ul className="mt-1 max-h-80 list-disc space-y-1 overflow-auto pl-5 text-sm text-slate-800">
            {problems.map(([path, messages]) => (
              <li key={path}>
                <code className="text-xs text-slate-700">{path}</code>: {messages.join("; ")}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <Button type="submit" disabled={isPending}>
        {isPending ? "Importing…" : "Import"}
      </Button>
    </form>
  );
}
