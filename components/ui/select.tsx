import type { SelectHTMLAttributes } from "react";
import { cx } from "./cx";
import { describedBy, inputClass } from "./field";

/**
 * A styled native select: the browser's own list is the most accessible picker there is (keyboard, screen
 * readers, mobile sheets). For a searchable list use Combobox.
 */
export function Select({ id, errors, children, className, ...props }: SelectHTMLAttributes<HTMLSelectElement> & { id: string; errors?: string[] }) {
  return (
    <select id={id} name={props.name ?? id} aria-invalid={errors?.length ? true : undefined} aria-describedby={describedBy(id, errors)} {...props} className={cx(inputClass, "pr-8", className)}>
      {children}
    </select>
  );
}
