"use client";

import { abandonObjectiveAction, alignObjectiveAction, updateObjectiveAction } from "@/app/(app)/objectives/actions";
import { Button } from "@/components/ui/button";
import { ConfirmSubmit } from "@/components/ui/confirm-submit";
import { Field, FormError, Select, TextArea, TextInput } from "@/components/ui/field";
import { MemberPicker } from "@/components/ui/member-picker";
import type { ComboOption } from "@/components/ui/combobox";
import { CoachNotes } from "@/components/quality/coach-notes";
import { flagsFor, teamCountAfterSave, type ObjectiveFormCoach } from "@/components/quality/form-input";
import { useFormSnapshot } from "@/components/quality/use-form-snapshot";
import { evaluate, type ObjectiveLevelName } from "@/lib/quality/rules";
import { AlignmentPicker } from "./alignment-picker";
import type { TeamOption } from "./objective-form";
import { useFormAction } from "./use-form-action";

interface EditableObjective {
  id: string;
  version: number;
  title: string;
  whyItMatters: string;
  kind: string;
  state: string;
  level: string;
  teamId: string | null;
  owner: { id: string; name: string };
  cycleId: string;
}

/**
 * `coach` (from loadObjectiveCoach) turns on the quality coach's suggestions as the details change; without it the
 * form stays silent, since it would not know which rules the organisation switched off.
 */
export function ObjectiveDetailsForm({ objective, teams, isCycleActive, coach }: { objective: EditableObjective; teams: TeamOption[]; isCycleActive: boolean; coach?: ObjectiveFormCoach }) {
  const { formAction, isPending, errors, values, formMessage } = useFormAction(updateObjectiveAction);
  const { ref: formRef, values: snapshot } = useFormSnapshot();
  const teamId = objective.level === "company" ? null : (snapshot.teamId ?? objective.teamId) || null;
  const flags = coach
    ? evaluate(
        {
          objective: {
            title: snapshot.title ?? objective.title,
            whyItMatters: snapshot.whyItMatters ?? objective.whyItMatters,
            level: objective.level as ObjectiveLevelName,
            teamId,
            isAligned: coach.isAligned ?? true,
            teamObjectiveCount: teamCountAfterSave(coach.teamObjectiveCounts, objective, { teamId, state: snapshot.state ?? objective.state }),
          },
          // Key results are judged in their own forms and in the page's coach section.
          keyResults: [],
          limits: coach.limits,
        },
        { disabled: coach.disabledRules },
      )
    : [];
  return (
    <form ref={formRef} action={formAction} className="space-y-3" aria-label="Edit objective">
      <input type="hidden" name="objectiveId" value={objective.id} />
      <input type="hidden" name="version" value={objective.version} />
      <FormError id="edit-objective-error" message={formMessage} />
      <Field id="edit-title" label="Title" errors={errors.title}>
        <TextInput id="edit-title" name="title" defaultValue={values.title ?? objective.title} errors={errors.title} />
      </Field>
      <Field id="edit-why" label="Why it matters" errors={errors.whyItMatters}>
        <TextArea id="edit-why" name="whyItMatters" defaultValue={values.whyItMatters ?? objective.whyItMatters} errors={errors.whyItMatters} />
      </Field>
      {coach ? <CoachNotes id="edit-why-coach" flags={flagsFor(flags, "whyItMatters")} /> : null}
      <MemberPicker id="edit-owner" name="ownerId" label="Owner" initial={{ value: objective.owner.id, label: objective.owner.name }} errors={errors.ownerId} />
      <div className="grid gap-3 sm:grid-cols-3">
        {objective.level !== "company" ? (
          <Field id="edit-team" label="Team" errors={errors.teamId}>
            <Select id="edit-team" name="teamId" defaultValue={values.teamId ?? objective.teamId ?? ""} errors={errors.teamId}>
              {objective.level === "personal" ? <option value="">None</option> : null}
              {teams.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.label}
                </option>
              ))}
            </Select>
          </Field>
        ) : null}
        <Field id="edit-kind" label="Kind" errors={errors.kind}>
          <Select id="edit-kind" name="kind" defaultValue={values.kind ?? objective.kind}>
            <option value="committed">Committed</option>
            <option value="aspirational">Aspirational</option>
          </Select>
        </Field>
        <Field id="edit-state" label="State" errors={errors.state}>
          <Select id="edit-state" name="state" defaultValue={values.state ?? objective.state}>
            <option value="draft">Draft</option>
            <option value="active">Active</option>
            <option value="done">Done</option>
          </Select>
        </Field>
      </div>
      {coach && objective.level === "team" ? <CoachNotes id="edit-team-coach" flags={flagsFor(flags, "team")} /> : null}
      {isCycleActive ? (
        <Field id="edit-reason" label="Reason for the change" errors={errors.reason} hint="Needed when the title changes while the cycle is active; kept in the history.">
          <TextInput id="edit-reason" name="reason" defaultValue={values.reason} errors={errors.reason} hint />
        </Field>
      ) : null}
      <Button type="submit" disabled={isPending}>
        {isPending ? "Saving…" : "Save objective"}
      </Button>
    </form>
  );
}

export function AlignForm({ objective, current, coach }: { objective: EditableObjective; current: ComboOption | null; coach?: ObjectiveFormCoach }) {
  const { formAction, isPending, errors, formMessage } = useFormAction(alignObjectiveAction);
  const { ref: formRef, values: snapshot } = useFormSnapshot();
  const flags = coach
    ? evaluate(
        {
          objective: { title: objective.title, whyItMatters: objective.whyItMatters, level: objective.level as ObjectiveLevelName, teamId: objective.teamId, isAligned: snapshot.parent !== undefined ? snapshot.parent !== "" : current !== null },
          keyResults: [],
        },
        { disabled: coach.disabledRules },
      )
    : [];
  return (
    <form ref={formRef} action={formAction} className="space-y-3" aria-label="Change alignment">
      <input type="hidden" name="objectiveId" value={objective.id} />
      <input type="hidden" name="version" value={objective.version} />
      <FormError id="align-error" message={formMessage} />
      <AlignmentPicker id="align-parent" cycleId={objective.cycleId} excludeObjectiveId={objective.id} initial={current} errors={errors.parent ?? errors.parentObjectiveId ?? errors.parentKeyResultId} />
      {coach ? <CoachNotes id="align-coach" flags={flagsFor(flags, "alignment")} /> : null}
      <Button type="submit" variant="secondary" disabled={isPending}>
        {isPending ? "Saving…" : "Save alignment"}
      </Button>
    </form>
  );
}

export function AbandonForm({ objective }: { objective: EditableObjective }) {
  const { formAction, isPending, errors, values, formMessage } = useFormAction(abandonObjectiveAction);
  return (
    <form action={formAction} className="space-y-3" aria-label="Abandon objective">
      <input type="hidden" name="objectiveId" value={objective.id} />
      <input type="hidden" name="version" value={objective.version} />
      <FormError id="abandon-error" message={formMessage} />
      <Field id="abandon-reason" label="Why stop pursuing it?" errors={errors.reason}>
        <TextArea id="abandon-reason" name="reason" defaultValue={values.reason} errors={errors.reason} rows={2} required />
      </Field>
      <ConfirmSubmit
        variant="danger"
        disabled={isPending}
        confirmation={{
          title: `Abandon “${objective.title}”?`,
          description: "It is marked abandoned with your reason and can no longer be edited. Its key results, check-ins and history stay visible.",
          confirmLabel: "Abandon objective",
        }}
      >
        {isPending ? "Abandoning…" : "Abandon objective"}
      </ConfirmSubmit>
    </form>
  );
}
