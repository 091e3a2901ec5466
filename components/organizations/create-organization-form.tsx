"use client";

import { useRouter } from "next/navigation";
import { useActionState, useEffect } from "react";
import { createOrganizationAction } from "@/app/welcome/actions";
import { Button } from "@/components/ui/button";
import { Field, FormError, TextInput } from "@/components/ui/field";
import type { ActionState } from "@/lib/http/action";
import { cardClass } from "@/components/ui/card";

export function CreateOrganizationForm() {
  const router = useRouter();
  const [state, action, isPending] = useActionState(createOrganizationAction, { status: "idle" } as ActionState<{ id: string }>);
  useEffect(() => {
    if (state.status === "success") router.replace("/");
  }, [state, router]);
  const errors = state.status === "error" ? state.fieldErrors : {};
  return (
    <form action={action} className={`mt-6 space-y-3 p-5 ${cardClass}`}>
      <FormError id="create-org-error" message={state.status === "error" && !errors.name ? state.message : null} />
      <Field id="org-name" label="Organisation name" errors={errors.name}>
        <TextInput id="org-name" name="name" errors={errors.name} defaultValue={state.status === "error" ? state.values.name : undefined} required />
      </Field>
      <Button type="submit" disabled={isPending}>
        {isPending ? "Creating…" : "Create organisation"}
      </Button>
    </form>
  );
}
