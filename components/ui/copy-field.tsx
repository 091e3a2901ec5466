"use client";

import { useRef, useState } from "react";
import { buttonClass } from "./button";
import { inputClass } from "./field";

/**
 * A value to copy once (an invitation link, a token): read-only, selected on focus, with a copy button. Where the
 * clipboard is not available (plain http on another host), the text is selected so Ctrl+C works.
 */
export function CopyField({ id, label, value, note }: { id: string; label: string; value: string; note?: string }) {
  const input = useRef<HTMLInputElement>(null);
  const [status, setStatus] = useState("");
  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setStatus("Copied");
    } catch {
      input.current?.select();
      setStatus("Selected: press Ctrl+C (or ⌘C) to copy");
    }
  }
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <div className="flex gap-2">
        <input
          ref={input}
          id={id}
          readOnly
          value={value}
          onFocus={(event) => event.currentTarget.select()}
          aria-describedby={note ? `${id}-note` : undefined}
          className={`${inputClass} font-mono`}
        />
        <button type="button" onClick={copy} className={buttonClass("secondary")}>
          Copy
        </button>
      </div>
      {note ? (
        <p id={`${id}-note`} className="text-sm text-slate-700">
          {note}
        </p>
      ) : null}
      <p aria-live="polite" className="text-sm text-emerald-800">
        {status}
      </p>
    </div>
  );
}
