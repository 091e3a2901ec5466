"use client";

import { useEffect, useRef } from "react";
import { addCommentAction } from "@/app/(app)/objectives/actions";
import { Button } from "@/components/ui/button";
import { Field, FormError, TextArea } from "@/components/ui/field";
import { useFormAction } from "./use-form-action";

/** A random UUID (v4); crypto.randomUUID exists only on HTTPS and localhost, getRandomValues everywhere. */
function newSubmissionKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function CommentForm({ objectiveId }: { objectiveId: string }) {
  const { state, formAction, isPending, errors, values, formMessage } = useFormAction(addCommentAction);
  const form = useRef<HTMLFormElement>(null);
  // One key per draft, made when it is first sent: posting the same text again after an error (the first post may
  // have landed, its answer lost) sends the same key, so the server makes no second comment. Edited text is a new draft.
  const draft = useRef<{ key: string; body: string } | null>(null);
  useEffect(() => {
    if (state.status === "success") {
      form.current?.reset();
      draft.current = null;
    }
  }, [state]);
  const send = (data: FormData) => {
    const body = String(data.get("body") ?? "");
    if (draft.current?.body !== body) draft.current = { key: newSubmissionKey(), body };
    data.set("submissionKey", draft.current.key);
    return formAction(data);
  };
  return (
    <form ref={form} action={send} className="space-y-2" aria-label="Add a comment">
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
