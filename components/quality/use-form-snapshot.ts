"use client";

import { useEffect, useState } from "react";

function read(form: HTMLFormElement): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of new FormData(form).entries()) if (typeof value === "string") out[key] = value;
  return out;
}

/**
 * The form's current values, kept in step as the person types, so the coach can judge what is on screen without
 * making every field controlled. Pickers (alignment, owner) keep their choice in a hidden input that fires no input
 * event; a hidden input's `value` is its attribute, so a MutationObserver sees those changes. `ref` is a callback ref,
 * so a form remounted under a new key is followed too.
 */
export function useFormSnapshot(): { ref: (form: HTMLFormElement | null) => void; values: Record<string, string> } {
  const [form, setForm] = useState<HTMLFormElement | null>(null);
  const [values, setValues] = useState<Record<string, string>>({});
  useEffect(() => {
    if (!form) return;
    // The coach's own notes change the form's children too; an unchanged reading must not render again.
    const update = () =>
      setValues((current) => {
        const next = read(form);
        const keys = Object.keys(next);
        return keys.length === Object.keys(current).length && keys.every((key) => current[key] === next[key]) ? current : next;
      });
    // A reset (React resets a form after its action) fires before the fields change back.
    const afterReset = () => window.requestAnimationFrame(update);
    update();
    form.addEventListener("input", update);
    form.addEventListener("change", update);
    form.addEventListener("reset", afterReset);
    const observer = new MutationObserver(update);
    observer.observe(form, { subtree: true, childList: true, attributes: true, attributeFilter: ["value", "checked"] });
    return () => {
      form.removeEventListener("input", update);
      form.removeEventListener("change", update);
      form.removeEventListener("reset", afterReset);
      observer.disconnect();
    };
  }, [form]);
  return { ref: setForm, values };
}
