"use client";

import { useActionState } from "react";
import { changeRoleAction } from "@/app/(app)/members/actions";
import { buttonClass } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { useActionToast } from "@/components/ui/toast";
import type { ActionState } from "@/lib/http/action";
import { ROLE_LABEL, type RoleName } from "@/lib/members/schemas";

/** A role picker with its own save button: changing a select alone never changes someone's access. */
export function MemberRoleForm({ userId, name, role, roles }: { userId: string; name: string; role: RoleName; roles: RoleName[] }) {
  const [state, action, isPending] = useActionState(changeRoleAction, { status: "idle" } as ActionState<{ userId: string; name: string; role: RoleName }>);
  useActionToast(state, { errors: true });
  const id = `role-${userId}`;
  return (
    <form action={action} className="flex items-center gap-2">
      <input type="hidden" name="userId" value={userId} />
      <label htmlFor={id} className="sr-only">
        Role of {name}
      </label>
      <select id={id} name="role" defaultValue={role} className={`${inputClass} w-32 py-1.5`}>
        {roles.map((r) => (
          <option key={r} value={r}>
            {ROLE_LABEL[r]}
          </option>
        ))}
      </select>
      <button type="submit" disabled={isPending} className={buttonClass("secondary", "sm")} aria-label={`Save role of ${name}`}>
        {isPending ? "Saving…" : "Save"}
      </button>
    </form>
  );
}
