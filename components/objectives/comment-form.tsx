"use client";

import { useEffect, useRef } from "react";
import { addCommentAction } from "@/app/(app)/objectives/actions";
import { Button } from "@/components/ui/button";
import { Field, FormError, TextArea } from "@/components/ui/field";
import { useFormAction } from "./use-form-action";

export function CommentForm({ objectiveId }: { objectiveId: string }) {
  const { state, formAction, isPending, errors, values, formMessage } = useFormAction(addCommentAction);
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state.status === "success") form.current?.reset();
  }, [state]);
  return (
    <form ref={form} action={formAction} className="space-y-2" aria-label="Add a comment">
      <input type="hidden" name="objectiveId" value={objectiveId} />
      <FormError id="comment-error" message={formMessage} />
      <Field id="comment-body" label="Comment" errors={errors.body}>
        <TextArea id="comment-body" name="body" defaultValue={values.body} errors={errors.body} rows={2} />
      </Field>
      <Button type="submit" variant="secondary" disabled={isPending}>
        {isPending ? "Posting…" : "Post comment"}
      </Button>
    </form>
  );
}
