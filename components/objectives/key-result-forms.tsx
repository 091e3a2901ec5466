"use client";

import { useState } from "react";
import { createKeyResultAction, updateKeyResultAction } from "@/app/(app)/objectives/actions";
import { Button } from "@/components/ui/button";
import { Field, FormError, Select, TextArea, TextInput } from "@/components/ui/field";
import { MemberPicker } from "@/components/ui/member-picker";
import { DIRECTION_NAME, KEY_RESULT_TYPE_LABEL } from "@/lib/format";
import { CoachNotes } from "@/components/quality/coach-notes";
import { keyResultFromFields, type CoachSettings } from "@/components/quality/form-input";
import { useFormSnapshot } from "@/components/quality/use-form-snapshot";
import { evaluateKeyResult } from "@/lib/quality/rules";
import { isFixedScale } from "@/lib/progress";
import { useFormAction } from "./use-form-action";

const TYPES = Object.entries(KEY_RESULT_TYPE_LABEL);
const DIRECTIONS = Object.entries(DIRECTION_NAME);

/**
 * The live coach's suggestions for the key result a form holds. Silent without `coach` (the organisation's switched-off
 * rules are unknown then) and until a title is typed.
 */
function useKeyResultCoach(coach: CoachSettings | undefined, fallbackType: string) {
  const snapshot = useFormSnapshot();
  const keyResult = keyResultFromFields(snapshot.values, "", { type: fallbackType });
  const flags = coach && keyResult.title.trim() !== "" ? evaluateKeyResult(keyResult, { disabled: coach.disabledRules }) : [];
  return { formRef: snapshot.ref, flags };
}

export function NewKeyResultForm({ objectiveId, owner, coach }: { objectiveId: string; owner: { id: string; name: string }; coach?: CoachSettings }) {
  const { state, formAction, isPending, errors, values, formMessage } = useFormAction(createKeyResultAction);
  const [type, setType] = useState(values.type ?? "number");
  // After a save the form starts over as new: a fresh mount, so the type, its unit and the milestones box do not
  // linger from the key result just added. Adjusted during render, as React recommends for state that follows a result.
  const [formKey, setFormKey] = useState(0);
  const [seen, setSeen] = useState(state);
  if (state !== seen) {
    setSeen(state);
    if (state.status === "success") {
      setFormKey((k) => k + 1);
      setType("number");
    }
  }
  const isMeasured = !isFixedScale(type);
  const { formRef, flags } = useKeyResultCoach(coach, type);
  return (
    <form key={formKey} ref={formRef} action={formAction} className="space-y-3" aria-label="New key result">
      <input type="hidden" name="objectiveId" value={objectiveId} />
      <FormError id="new-kr-error" message={formMessage} />
      <Field id="kr-title" label="Key result" errors={errors.title} hint="An outcome you can measure, like “Cut p95 latency from 480 ms to 250 ms”.">
        <TextInput id="kr-title" name="title" defaultValue={values.title} errors={errors.title} hint />
      </Field>
      <div className="grid gap-3 sm:grid-cols-3">
        <Field id="kr-type" label="Measured as" errors={errors.type}>
          <Select id="kr-type" name="type" value={type} onChange={(e) => setType(e.target.value)}>
            {TYPES.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </Select>
        </Field>
        {isMeasured ? (
          <Field id="kr-direction" label="Direction" errors={errors.direction}>
            <Select id="kr-direction" name="direction" defaultValue={values.direction ?? "increase"}>
              {DIRECTIONS.map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </Select>
          </Field>
        ) : null}
        <Field id="kr-weight" label="Weight" errors={errors.weight}>
          <TextInput id="kr-weight" name="weight" inputMode="decimal" defaultValue={values.weight ?? "1"} errors={errors.weight} />
        </Field>
      </div>
      {isMeasured ? (
        <div className="grid gap-3 sm:grid-cols-3">
          <Field id="kr-start" label="Start value" errors={errors.startValue}>
            <TextInput id="kr-start" name="startValue" inputMode="decimal" defaultValue={values.startValue ?? "0"} errors={errors.startValue} />
          </Field>
          <Field id="kr-target" label="Target value" errors={errors.targetValue}>
            <TextInput id="kr-target" name="targetValue" inputMode="decimal" defaultValue={values.targetValue} errors={errors.targetValue} />
          </Field>
          <Field id="kr-unit" label="Unit" errors={errors.unit}>
            <TextInput id="kr-unit" name="unit" defaultValue={values.unit ?? (type === "percent" ? "%" : type === "currency" ? "€" : "")} errors={errors.unit} />
          </Field>
        </div>
      ) : null}
      {type === "milestone" ? (
        <Field id="kr-milestones" label="Milestones, one per line" errors={errors.milestones}>
          <TextArea id="kr-milestones" name="milestones" defaultValue={values.milestones} errors={errors.milestones} rows={3} />
        </Field>
      ) : null}
      {coach ? <CoachNotes id="kr-coach" flags={flags} /> : null}
      <MemberPicker id="kr-owner" name="ownerId" label="Owner" initial={owner ? { value: owner.id, label: owner.name } : null} errors={errors.ownerId} />
      <Button type="submit" disabled={isPending}>
        {isPending ? "Adding…" : "Add key result"}
      </Button>
    </form>
  );
}

interface EditableKeyResult {
  id: string;
  version: number;
  title: string;
  type: string;
  direction: string;
  startValue: string;
  targetValue: string;
  unit: string;
  weight: string;
  milestones: string[];
  owner: { id: string; name: string };
}

export function EditKeyResultForm({ keyResult, isCycleActive, coach }: { keyResult: EditableKeyResult; isCycleActive: boolean; coach?: CoachSettings }) {
  const { formAction, isPending, errors, values, formMessage } = useFormAction(updateKeyResultAction);
  const isMeasured = !isFixedScale(keyResult.type);
  // The type is not editable here, so it is not among the form's fields.
  const { formRef, flags } = useKeyResultCoach(coach, keyResult.type);
  // The whole id: key results made together share the first characters of their time-ordered ids, and a shared
  // prefix would give two forms the same control ids (and each label two controls).
  const id = (name: string) => `kr-${keyResult.id}-${name}`;
  return (
    <form ref={formRef} action={formAction} className="space-y-3" aria-label={`Edit ${keyResult.title}`}>
      <input type="hidden" name="keyResultId" value={keyResult.id} />
      <input type="hidden" name="version" value={keyResult.version} />
      <FormError id={id("error")} message={formMessage} />
      <Field id={id("title")} label="Key result" errors={errors.title}>
        <TextInput id={id("title")} name="title" defaultValue={values.title ?? keyResult.title} errors={errors.title} />
      </Field>
      {isMeasured ? (
        <div className="grid gap-3 sm:grid-cols-4">
          <Field id={id("direction")} label="Direction" errors={errors.direction}>
            <Select id={id("direction")} name="direction" defaultValue={values.direction ?? keyResult.direction}>
              {DIRECTIONS.map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </Select>
          </Field>
          <Field id={id("start")} label="Start value" errors={errors.startValue}>
            <TextInput id={id("start")} name="startValue" inputMode="decimal" defaultValue={values.startValue ?? keyResult.startValue} errors={errors.startValue} />
          </Field>
          <Field id={id("target")} label="Target value" errors={errors.targetValue}>
            <TextInput id={id("target")} name="targetValue" inputMode="decimal" defaultValue={values.targetValue ?? keyResult.targetValue} errors={errors.targetValue} />
          </Field>
          <Field id={id("unit")} label="Unit" errors={errors.unit}>
            <TextInput id={id("unit")} name="unit" defaultValue={values.unit ?? keyResult.unit} errors={errors.unit} />
          </Field>
        </div>
      ) : null}
      {keyResult.type === "milestone" ? (
        <Field id={id("milestones")} label="Milestones, one per line" errors={errors.milestones}>
          <TextArea id={id("milestones")} name="milestones" defaultValue={values.milestones ?? keyResult.milestones.join("\n")} errors={errors.milestones} rows={3} />
        </Field>
      ) : null}
      {coach ? <CoachNotes id={id("coach")} flags={flags} /> : null}
      <div className="grid gap-3 sm:grid-cols-2">
        <Field id={id("weight")} label="Weight" errors={errors.weight}>
          <TextInput id={id("weight")} name="weight" inputMode="decimal" defaultValue={values.weight ?? keyResult.weight} errors={errors.weight} />
        </Field>
        <MemberPicker id={id("owner")} name="ownerId" label="Owner" initial={{ value: keyResult.owner.id, label: keyResult.owner.name }} errors={errors.ownerId} />
      </div>
      {isCycleActive ? (
        <Field id={id("reason")} label="Reason for the change" errors={errors.reason} hint="Needed when the target changes while the cycle is active; kept in the history.">
          <TextInput id={id("reason")} name="reason" defaultValue={values.reason} errors={errors.reason} hint />
        </Field>
      ) : null}
      <Button type="submit" disabled={isPending}>
        {isPending ? "Saving…" : "Save key result"}
      </Button>
    </form>
  );
}
