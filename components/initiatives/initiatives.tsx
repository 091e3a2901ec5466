"use client";

import { useState } from "react";
import { createInitiativeAction, deleteInitiativeAction, updateInitiativeAction } from "@/app/(app)/objectives/actions";
import { useFormAction } from "@/components/objectives/use-form-action";
import { ActionButton } from "@/components/ui/action-button";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Field, FormError, Select, TextInput } from "@/components/ui/field";
import { MemberPicker } from "@/components/ui/member-picker";
import { formatDate, INITIATIVE_STATUS_LABEL } from "@/lib/format";
import { describeTally, isOverdue, tallyInitiatives } from "@/lib/initiatives/tally";
import type { PageInitiative } from "@/lib/objectives/queries";

const STATUSES = Object.entries(INITIATIVE_STATUS_LABEL) as [keyof typeof INITIATIVE_STATUS_LABEL, string][];
const STATUS_TONE: Record<keyof typeof INITIATIVE_STATUS_LABEL, BadgeTone> = { planned: "neutral", in_progress: "info", done: "success", dropped: "neutral" };

export interface InitiativeItem extends PageInitiative {
  /** Whether the reader may change this one (its owner, the key result's or objective's owner, a lead, an admin). */
  canManage: boolean;
}

/** The work under one key result: what it is, who does it, by when, and where it is tracked. */
export function InitiativeList({
  keyResult,
  initiatives,
  today,
  canAdd,
  countsTowardProgress,
}: {
  keyResult: { id: string; title: string; owner: { id: string; name: string } };
  initiatives: InitiativeItem[];
  /** The reader's calendar day, "YYYY-MM-DD": what is overdue depends on it. */
  today: string;
  canAdd: boolean;
  /** An "initiatives done" key result: its progress is these initiatives. */
  countsTowardProgress: boolean;
}) {
  if (!initiatives.length && !canAdd) return null;
  const tally = tallyInitiatives(initiatives, today);
  const headingId = `initiatives-${keyResult.id}`;
  return (
    <section aria-labelledby={headingId} className="mt-2 rounded-md bg-slate-50 px-3 py-2">
      <h3 id={headingId} className="text-xs font-semibold text-slate-800">
        Initiatives <span className="font-normal text-slate-700" data-testid="initiative-tally">· {describeTally(tally)}</span>
        {countsTowardProgress ? <span className="font-normal text-slate-700"> · progress is the share done (dropped ones do not count)</span> : null}
      </h3>
      {initiatives.length ? (
        <ul className="mt-1 divide-y divide-slate-200">
          {initiatives.map((i) => (
            <InitiativeRow key={i.id} initiative={i} today={today} />
          ))}
        </ul>
      ) : null}
      {canAdd ? (
        <details className="mt-1 rounded-md open:bg-white open:p-3 open:ring-1 open:ring-slate-200">
          <summary className="cursor-pointer py-1 text-sm font-medium text-brand-700">Add an initiative</summary>
          <NewInitiativeForm keyResult={keyResult} />
        </details>
      ) : null}
    </section>
  );
}

function InitiativeRow({ initiative: i, today }: { initiative: InitiativeItem; today: string }) {
  const overdue = isOverdue(i, today);
  return (
    <li data-testid="initiative" className="flex flex-wrap items-center gap-x-2 gap-y-1 py-1.5 text-sm">
      <Badge tone={STATUS_TONE[i.status]} data-testid="initiative-status">
        {INITIATIVE_STATUS_LABEL[i.status]}
      </Badge>
      <span className={`font-medium ${i.status === "dropped" ? "text-slate-600 line-through" : "text-slate-900"}`}>
        {i.url ? (
          <a href={i.url} className="underline decoration-slate-400 hover:decoration-slate-900" target="_blank" rel="noopener noreferrer">
            {i.title}
            <span className="sr-only"> (opens the tracker in a new tab)</span>
          </a>
        ) : (
          i.title
        )}
      </span>
      <span className="text-xs text-slate-700">
        {i.owner.name}
        {i.dueDate ? ` · due ${formatDate(i.dueDate)}` : ""}
      </span>
      {overdue ? <Badge tone="danger">Overdue</Badge> : null}
      {i.canManage ? <InitiativeControls initiative={i} /> : null}
    </li>
  );
}

function InitiativeControls({ initiative: i }: { initiative: InitiativeItem }) {
  const status = useFormAction(updateInitiativeAction);
  const [editing, setEditing] = useState(false);
  // Controlled, and moved to the saved status when a new version arrives: neither React's reset of the form after its
  // action nor a remount (which would drop the keyboard's place on "Set") shows a stale status.
  const [chosen, setChosen] = useState<string>(i.status);
  const [seenVersion, setSeenVersion] = useState(i.version);
  if (seenVersion !== i.version) {
    setSeenVersion(i.version);
    setChosen(i.status);
  }
  const id = (name: string) => `initiative-${i.id}-${name}`;
  return (
    <div className="ml-auto flex flex-wrap items-center gap-1">
      <form action={status.formAction} className="flex items-center gap-1">
        <input type="hidden" name="initiativeId" value={i.id} />
        <input type="hidden" name="version" value={i.version} />
        <label htmlFor={id("status")} className="sr-only">
          Status of {i.title}
        </label>
        <Select id={id("status")} name="status" value={chosen} onChange={(e) => setChosen(e.target.value)} className="h-8 py-0 text-xs">
          {STATUSES.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </Select>
        <Button type="submit" variant="secondary" size="sm" disabled={status.isPending} aria-label={`Set status of ${i.title}`}>
          {status.isPending ? "Setting…" : "Set"}
        </Button>
      </form>
      <Button type="button" variant="ghost" size="sm" aria-expanded={editing} aria-controls={id("edit")} onClick={() => setEditing((v) => !v)} aria-label={`Edit ${i.title}`}>
        Edit
      </Button>
      {editing ? (
        <div id={id("edit")} className="w-full">
          <EditInitiativeForm initiative={i} />
        </div>
      ) : null}
    </div>
  );
}

function NewInitiativeForm({ keyResult }: { keyResult: { id: string; title: string; owner: { id: string; name: string } } }) {
  // React empties the form after each save; it is not remounted, so the keyboard stays on "Add initiative".
  const { formAction, isPending, errors, values, formMessage } = useFormAction(createInitiativeAction);
  const id = (name: string) => `new-initiative-${keyResult.id}-${name}`;
  return (
    <form action={formAction} className="mt-2 space-y-3" aria-label={`New initiative for ${keyResult.title}`}>
      <input type="hidden" name="keyResultId" value={keyResult.id} />
      <FormError id={id("error")} message={formMessage} />
      <Field id={id("title")} label="Initiative" errors={errors.title} hint="The work you expect to move this key result, like “Cache the tree payload”.">
        <TextInput id={id("title")} name="title" defaultValue={values.title} errors={errors.title} hint />
      </Field>
      <div className="grid gap-3 sm:grid-cols-3">
        <Field id={id("status")} label="Status" errors={errors.status}>
          <Select id={id("status")} name="status" defaultValue={values.status ?? "planned"}>
            {STATUSES.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </Select>
        </Field>
        <Field id={id("due")} label="Due date (optional)" errors={errors.dueDate}>
          <TextInput id={id("due")} name="dueDate" type="date" defaultValue={values.dueDate} errors={errors.dueDate} />
        </Field>
        <Field id={id("url")} label="Link to the tracker (optional)" errors={errors.url}>
          <TextInput id={id("url")} name="url" type="url" inputMode="url" placeholder="https://" defaultValue={values.url} errors={errors.url} />
        </Field>
      </div>
      <MemberPicker id={id("owner")} name="ownerId" label="Owner" initial={{ value: keyResult.owner.id, label: keyResult.owner.name }} errors={errors.ownerId} />
      <Button type="submit" disabled={isPending}>
        {isPending ? "Adding…" : "Add initiative"}
      </Button>
    </form>
  );
}

function EditInitiativeForm({ initiative: i }: { initiative: InitiativeItem }) {
  const { formAction, isPending, errors, values, formMessage } = useFormAction(updateInitiativeAction);
  const id = (name: string) => `edit-initiative-${i.id}-${name}`;
  return (
    <div className="mt-2 space-y-3 rounded-md bg-white p-3 ring-1 ring-slate-200">
      <form action={formAction} className="space-y-3" aria-label={`Edit ${i.title}`}>
        <input type="hidden" name="initiativeId" value={i.id} />
        <input type="hidden" name="version" value={i.version} />
        <FormError id={id("error")} message={formMessage} />
        <Field id={id("title")} label="Initiative" errors={errors.title}>
          <TextInput id={id("title")} name="title" defaultValue={values.title ?? i.title} errors={errors.title} />
        </Field>
        <div className="grid gap-3 sm:grid-cols-2">
          <Field id={id("due")} label="Due date" errors={errors.dueDate}>
            <TextInput id={id("due")} name="dueDate" type="date" defaultValue={values.dueDate ?? i.dueDate ?? ""} errors={errors.dueDate} />
          </Field>
          <Field id={id("url")} label="Link to the tracker" errors={errors.url}>
            <TextInput id={id("url")} name="url" type="url" inputMode="url" placeholder="https://" defaultValue={values.url ?? i.url ?? ""} errors={errors.url} />
          </Field>
        </div>
        <MemberPicker id={id("owner")} name="ownerId" label="Owner" initial={{ value: i.owner.id, label: i.owner.name }} errors={errors.ownerId} />
        <Button type="submit" disabled={isPending}>
          {isPending ? "Saving…" : "Save initiative"}
        </Button>
      </form>
      <ActionButton
        action={deleteInitiativeAction}
        fields={{ initiativeId: i.id, version: String(i.version) }}
        label="Remove initiative"
        variant="danger"
        confirm={{ title: `Remove “${i.title}”?`, description: "It leaves the key result; its history stays in the audit log.", tone: "danger" }}
      />
    </div>
  );
}
