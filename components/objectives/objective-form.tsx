"use client";

import { useRouter } from "next/navigation";
import { startTransition, useActionState, useEffect, useRef, useState, type FormEvent } from "react";
import { createObjectiveAction } from "@/app/(app)/objectives/actions";
import { Button } from "@/components/ui/button";
import { Field, FormError, Select, TextArea, TextInput } from "@/components/ui/field";
import { MemberPicker } from "@/components/ui/member-picker";
import { useActionToast } from "@/components/ui/toast";
import type { ComboOption } from "@/components/ui/combobox";
import type { ActionState } from "@/lib/http/action";
import type { FieldErrors } from "@/lib/errors";
import { AlignmentPicker } from "./alignment-picker";
import { cardClass } from "@/components/ui/card";
import { CoachNotes } from "@/components/quality/coach-notes";
import { flagsFor, keyResultFromFields, type CoachSettings } from "@/components/quality/form-input";
import { useFormSnapshot } from "@/components/quality/use-form-snapshot";
import { evaluate, type QualityFlag } from "@/lib/quality/rules";
import { isFixedScale } from "@/lib/progress";

const LEVEL_LABEL = { company: "Company", team: "Team", personal: "Personal" } as const;
type Level = keyof typeof LEVEL_LABEL;

const KR_TYPES = [
  ["number", "Number"],
  ["percent", "Percentage"],
  ["currency", "Money"],
  ["milestone", "Milestones"],
  ["yes_no", "Yes / no"],
  ["initiatives", "Initiatives done"],
] as const;
const MAX_ROWS = 10;

export interface TeamOption {
  id: string;
  label: string;
}

interface Props {
  cycleId: string;
  cycleName: string;
  teams: TeamOption[];
  me: { id: string; name: string };
  canCreateCompany: boolean;
  initial: { level: Level | null; teamId: string | null; parent: ComboOption | null };
  /** The organisation's coach settings, and each team's active and draft team objectives in this cycle. */
  coach: CoachSettings & { teamObjectiveCounts: Record<string, number> };
}

type Created = { id: string; title: string; keyResultCount: number };

export function ObjectiveForm({ cycleId, cycleName, teams, me, canCreateCompany, initial, coach }: Props) {
  const router = useRouter();
  const [state, action, isPending] = useActionState(createObjectiveAction, { status: "idle" } as ActionState<Created>);
  const [level, setLevel] = useState<Level>(initial.level ?? (canCreateCompany && !initial.parent ? "company" : initial.teamId && initial.level !== "personal" ? "team" : "personal"));
  const [rows, setRows] = useState<number[]>([]);
  const nextRow = useRef(0);
  // Errors come back keyed by the row's position when it was sent; this keeps which row that was.
  const [sentRows, setSentRows] = useState<number[]>([]);
  useActionToast(state);
  useEffect(() => {
    if (state.status === "success") router.push(`/objectives/${state.data.id}`);
  }, [state, router]);
  const errors = state.status === "error" ? state.fieldErrors : {};
  const values = state.status === "error" ? state.values : {};
  const parentErrors = errors.parent ?? errors.parentObjectiveId ?? errors.parentKeyResultId;
  const rowErrors = (row: number): FieldErrors => {
    const sentAt = sentRows.indexOf(row);
    if (sentAt < 0) return {};
    const prefix = `keyResults.${sentAt}.`;
    return Object.fromEntries(Object.entries(errors).filter(([key]) => key.startsWith(prefix)).map(([key, messages]) => [key.slice(prefix.length), messages]));
  };
  const formMessage = state.status === "error" && !Object.keys(errors).length ? state.message : null;
  const { ref: formRef, values: snapshot } = useFormSnapshot();
  const flags = coachFlags(snapshot, level, rows.length, coach);

  // Submitted by hand rather than through `action=`: React would reset the form after the action, wiping the
  // key-result rows a person typed when one of them needs fixing.
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setSentRows(rows);
    startTransition(() => action(form));
  }

  function addRow() {
    const row = nextRow.current++;
    setRows((current) => [...current, row]);
    // The new row's title takes the focus, so adding several by keyboard does not mean tabbing back each time.
    window.requestAnimationFrame(() => document.getElementById(`kr-${row}-title`)?.focus());
  }

  return (
    <form ref={formRef} onSubmit={submit} noValidate className={`space-y-4 p-5 ${cardClass}`} aria-label="New objective">
      <input type="hidden" name="cycleId" value={cycleId} />
      <FormError id="objective-form-error" message={formMessage} />
      <p className="text-sm text-slate-700">
        Cycle: <strong>{cycleName}</strong>
      </p>
      <fieldset>
        <legend className="text-sm font-medium text-slate-800">Level</legend>
        <div className="mt-1 flex flex-wrap gap-4 text-sm">
          {(["company", "team", "personal"] as const)
            .filter((l) => l !== "company" || canCreateCompany)
            .map((l) => (
              <label key={l} className="flex items-center gap-1.5">
                <input type="radio" name="level" value={l} checked={level === l} onChange={() => setLevel(l)} /> {LEVEL_LABEL[l]}
              </label>
            ))}
        </div>
      </fieldset>
      {level !== "company" ? (
        <Field id="objective-team" label={level === "team" ? "Which team" : "Home team (optional)"} errors={errors.teamId}>
          <Select id="objective-team" name="teamId" defaultValue={values.teamId ?? initial.teamId ?? ""} errors={errors.teamId}>
            <option value="">{level === "team" ? "Choose a team" : "None"}</option>
            {teams.map((t) => (
              <option key={t.id} value={t.id}>
                {t.label}
              </option>
            ))}
          </Select>
        </Field>
      ) : null}
      {level === "team" ? <CoachNotes id="objective-team-coach" flags={flagsFor(flags, "team")} /> : null}
      <Field id="objective-title" label="Objective" errors={errors.title} hint="Qualitative and inspiring: what do you want to achieve?">
        <TextInput id="objective-title" name="title" defaultValue={values.title} errors={errors.title} hint required />
      </Field>
      <Field id="objective-why" label="Why it matters" errors={errors.whyItMatters}>
        <TextArea id="objective-why" name="whyItMatters" defaultValue={values.whyItMatters} errors={errors.whyItMatters} />
      </Field>
      <CoachNotes id="objective-why-coach" flags={flagsFor(flags, "whyItMatters")} />
      <MemberPicker id="objective-owner" name="ownerId" label="Owner" initial={{ value: me.id, label: me.name }} errors={errors.ownerId} />
      <AlignmentPicker cycleId={cycleId} errors={parentErrors} initial={initial.parent} />
      <CoachNotes id="objective-alignment-coach" flags={flagsFor(flags, "alignment")} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="objective-kind" label="Kind" errors={errors.kind}>
          <Select id="objective-kind" name="kind" defaultValue={values.kind ?? "committed"}>
            <option value="committed">Committed: we will do it</option>
            <option value="aspirational">Aspirational: a stretch</option>
          </Select>
        </Field>
        <Field id="objective-state" label="State" errors={errors.state}>
          <Select id="objective-state" name="state" defaultValue={values.state ?? "active"}>
            <option value="active">Active</option>
            <option value="draft">Draft</option>
          </Select>
        </Field>
      </div>

      <section aria-labelledby="new-krs-heading" className="space-y-3 border-t border-slate-200 pt-4">
        <div>
          <h2 id="new-krs-heading" className="text-sm font-semibold text-slate-900">
            Key results
          </h2>
          <p className="text-sm text-slate-700">
            {rows.length ? `${rows.length} key result${rows.length === 1 ? "" : "s"}, created with the objective.` : "Optional here: add them now, or later on the objective's page."}
          </p>
          {errors.keyResults ? (
            <p role="alert" className="text-sm text-red-700">
              {errors.keyResults[0]}
            </p>
          ) : null}
          <CoachNotes id="new-krs-coach" flags={flagsFor(flags, "keyResults")} />
        </div>
        {rows.map((row, index) => (
          <KeyResultRow
            key={row}
            row={row}
            index={index}
            errors={rowErrors(row)}
            flags={flags.filter((f) => f.keyResultIndex === index)}
            onRemove={() => {
              setRows((current) => current.filter((r) => r !== row));
              window.requestAnimationFrame(() => document.getElementById("add-key-result")?.focus());
            }}
          />
        ))}
        {rows.length < MAX_ROWS ? (
          <Button id="add-key-result" type="button" variant="secondary" size="sm" onClick={addRow}>
            Add a key result
          </Button>
        ) : null}
      </section>

      <Button type="submit" disabled={isPending}>
        {isPending ? "Creating…" : rows.length ? `Create objective and ${rows.length} key result${rows.length === 1 ? "" : "s"}` : "Create objective"}
      </Button>
    </form>
  );
}

/**
 * One key result typed with its objective. Fields are named `keyResults.<position>.<field>`, the position being
 * where the row stands when the form is sent.
 */
function KeyResultRow({ row, index, errors, flags, onRemove }: { row: number; index: number; errors: FieldErrors; flags: QualityFlag[]; onRemove: () => void }) {
  const [type, setType] = useState<(typeof KR_TYPES)[number][0]>("number");
  const isMeasured = !isFixedScale(type);
  const id = (field: string) => `kr-${row}-${field}`;
  const name = (field: string) => `keyResults.${index}.${field}`;
  const legend = `Key result ${index + 1}`;
  return (
    <fieldset className="relative space-y-3 rounded-lg bg-slate-50 p-3 ring-1 ring-slate-200">
      {/* The legend must be the fieldset's first child to name the group for assistive technology. */}
      <legend className="float-left pt-1.5 text-sm font-medium text-slate-900">{legend}</legend>
      <div className="flex justify-end">
        <Button type="button" variant="ghost" size="sm" onClick={onRemove} aria-label={`Remove ${legend.toLowerCase()}`}>
          Remove
        </Button>
      </div>
      <Field id={id("title")} label="Title" errors={errors.title} hint="An outcome you can measure, like “Cut p95 latency from 480 ms to 250 ms”.">
        <TextInput id={id("title")} name={name("title")} errors={errors.title} hint />
      </Field>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field id={id("type")} label="Measured as" errors={errors.type}>
          <Select id={id("type")} name={name("type")} value={type} onChange={(e) => setType(e.target.value as typeof type)}>
            {KR_TYPES.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </Select>
        </Field>
        {isMeasured ? (
          <Field id={id("direction")} label="Direction" errors={errors.direction}>
            <Select id={id("direction")} name={name("direction")} defaultValue="increase">
              <option value="increase">Increase</option>
              <option value="decrease">Decrease</option>
              <option value="keep_above">Keep above</option>
              <option value="keep_below">Keep below</option>
            </Select>
          </Field>
        ) : null}
      </div>
      {isMeasured ? (
        <div className="grid gap-3 sm:grid-cols-3">
          <Field id={id("start")} label="Start value" errors={errors.startValue}>
            <TextInput id={id("start")} name={name("startValue")} inputMode="decimal" defaultValue="0" errors={errors.startValue} />
          </Field>
          <Field id={id("target")} label="Target value" errors={errors.targetValue}>
            <TextInput id={id("target")} name={name("targetValue")} inputMode="decimal" errors={errors.targetValue} />
          </Field>
          <Field id={id("unit")} label="Unit" errors={errors.unit}>
            <TextInput key={type} id={id("unit")} name={name("unit")} defaultValue={type === "percent" ? "%" : type === "currency" ? "€" : ""} errors={errors.unit} />
          </Field>
        </div>
      ) : null}
      {type === "milestone" ? (
        <Field id={id("milestones")} label="Milestones, one per line" errors={errors.milestones}>
          <TextArea id={id("milestones")} name={name("milestones")} errors={errors.milestones} rows={3} />
        </Field>
      ) : null}
      <CoachNotes id={id("coach")} flags={flags} />
      <MemberPicker id={id("owner")} name={name("ownerId")} label="Owner" placeholder="The objective's owner, unless you pick someone" errors={errors.ownerId} />
    </fieldset>
  );
}

/**
 * The coach's flags for what the form holds now. They wait for a title: an empty form is not yet anything to judge,
 * and suggestions before the first word would only be noise. Owners' teams are unknown here, so the rule about key
 * results owned in other teams speaks on the objective's page instead.
 */
function coachFlags(values: Record<string, string>, level: Level, rowCount: number, coach: Props["coach"]): QualityFlag[] {
  if ((values.title ?? "").trim() === "") return [];
  const teamId = level === "company" ? null : values.teamId || null;
  const keyResults = Array.from({ length: rowCount }, (_, index) => keyResultFromFields(values, `keyResults.${index}.`));
  const flags = evaluate(
    {
      objective: {
        title: values.title ?? "",
        whyItMatters: values.whyItMatters ?? "",
        level,
        teamId,
        isAligned: (values.parent ?? "") !== "",
        // This objective counts too, once saved.
        teamObjectiveCount: teamId && level === "team" ? (coach.teamObjectiveCounts[teamId] ?? 0) + 1 : undefined,
      },
      keyResults,
      limits: coach.limits,
    },
    { disabled: coach.disabledRules },
  );
  return flags.filter((f) => f.keyResultIndex === undefined || keyResults[f.keyResultIndex]?.title.trim() !== "");
}
