import type { InputHTMLAttributes, ReactNode, TextareaHTMLAttributes } from "react";

export { Select } from "./select";

export const inputClass =
  "block w-full rounded-md border-0 bg-white px-3 py-2 text-sm text-slate-900 ring-1 ring-inset ring-slate-300 placeholder:text-slate-500 focus:ring-2 focus:ring-inset focus:ring-brand-600 aria-[invalid=true]:ring-red-600";

interface FieldProps {
  id: string;
  label: string;
  errors?: string[];
  hint?: ReactNode;
  children: ReactNode;
}

/** A label, the control and its errors, wired together so screen readers announce the error with the field. */
export function Field({ id, label, errors, hint, children }: FieldProps) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {children}
      {hint && !errors?.length ? (
        <p id={`${id}-hint`} className="text-xs text-slate-600">
          {hint}
        </p>
      ) : null}
      <p id={`${id}-error`} aria-live="polite" className="text-sm text-red-700">
        {errors?.[0] ?? ""}
      </p>
    </div>
  );
}

export function describedBy(id: string, errors?: string[], hasHint = false): string | undefined {
  if (errors?.length) return `${id}-error`;
  return hasHint ? `${id}-hint` : undefined;
}

export function TextInput({ id, errors, hint, ...props }: InputHTMLAttributes<HTMLInputElement> & { id: string; errors?: string[]; hint?: boolean }) {
  return <input id={id} name={props.name ?? id} aria-invalid={errors?.length ? true : undefined} aria-describedby={describedBy(id, errors, hint)} className={inputClass} {...props} />;
}

export function TextArea({ id, errors, ...props }: TextareaHTMLAttributes<HTMLTextAreaElement> & { id: string; errors?: string[] }) {
  return <textarea id={id} name={props.name ?? id} aria-invalid={errors?.length ? true : undefined} aria-describedby={describedBy(id, errors)} className={inputClass} rows={3} {...props} />;
}

/** Errors that belong to the whole form rather than one field. */
export function FormError({ id, message }: { id: string; message?: string | null }) {
  return (
    <p id={id} data-testid="form-error" aria-live="assertive" className={message ? "rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200" : "sr-only"}>
      {message ?? ""}
    </p>
  );
}
