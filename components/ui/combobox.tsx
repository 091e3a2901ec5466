"use client";

import { useEffect, useId, useRef, useState } from "react";
import { inputClass } from "./field";
import { Popover, PopoverAnchor, PopoverContent } from "./popover";

export interface ComboOption {
  value: string;
  label: string;
  detail?: string;
  /** Shown as a group heading above the first option of each group. */
  group?: string;
}

interface Props {
  id: string;
  name: string;
  label: string;
  load: (query: string) => Promise<ComboOption[]>;
  initial?: ComboOption | null;
  placeholder?: string;
  errors?: string[];
  allowClear?: boolean;
  clearLabel?: string;
  onChange?: (option: ComboOption | null) => void;
}

/**
 * A searchable picker (the ARIA combobox pattern): type to search on the server, arrows to move, Enter to pick,
 * Escape to close. The chosen value travels in a hidden input named `name`, so it works in plain forms.
 * The list floats in a Radix Popover anchored to the input (so it is never clipped by a scrolling parent); focus
 * stays in the input throughout, and the popover itself is the listbox.
 */
export function Combobox({ id, name, label, load, initial = null, placeholder, errors, allowClear = true, clearLabel = "None", onChange }: Props) {
  const listId = useId();
  const [selected, setSelected] = useState<ComboOption | null>(initial);
  const [query, setQuery] = useState(initial?.label ?? "");
  const [options, setOptions] = useState<ComboOption[]>([]);
  const [isOpen, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const [isLoading, setLoading] = useState(false);
  const request = useRef(0);

  useEffect(() => {
    if (!isOpen) return;
    const ticket = ++request.current;
    // Waits for a pause in typing rather than asking the server on every keystroke.
    const timer = window.setTimeout(() => {
      setLoading(true);
      load(query === selected?.label ? "" : query)
        .then((found) => {
          if (ticket !== request.current) return;
          setOptions(found);
          setActive(0);
        })
        .catch(() => ticket === request.current && setOptions([]))
        .finally(() => ticket === request.current && setLoading(false));
    }, 150);
    return () => window.clearTimeout(timer);
  }, [query, isOpen, load, selected]);

  const all: (ComboOption | null)[] = allowClear ? [null, ...options] : options;

  function choose(option: ComboOption | null) {
    setSelected(option);
    setQuery(option?.label ?? "");
    setOpen(false);
    onChange?.(option);
  }

  return (
    <Popover open={isOpen} onOpenChange={setOpen} modal={false}>
      <div className="relative">
        <label htmlFor={id} className="block text-sm font-medium text-slate-800">
          {label}
        </label>
        <input type="hidden" name={name} value={selected?.value ?? ""} />
        <PopoverAnchor asChild>
          <input
            id={id}
            type="text"
            role="combobox"
            autoComplete="off"
            aria-expanded={isOpen}
            aria-controls={listId}
            aria-autocomplete="list"
            aria-invalid={errors?.length ? true : undefined}
            aria-describedby={errors?.length ? `${id}-error` : undefined}
            aria-activedescendant={isOpen && all.length ? `${listId}-${active}` : undefined}
            placeholder={placeholder}
            className={`mt-1 ${inputClass}`}
            value={query}
            onFocus={() => setOpen(true)}
            onChange={(event) => {
              setQuery(event.target.value);
              setOpen(true);
            }}
            onBlur={() => setOpen(false)}
            onKeyDown={(event) => {
              if (event.key === "ArrowDown") {
                event.preventDefault();
                setOpen(true);
                setActive((a) => Math.min(a + 1, all.length - 1));
              } else if (event.key === "ArrowUp") {
                event.preventDefault();
                setActive((a) => Math.max(a - 1, 0));
              } else if (event.key === "Enter" && isOpen) {
                event.preventDefault();
                if (all.length) choose(all[active] ?? null);
              } else if (event.key === "Escape") {
                setOpen(false);
                setQuery(selected?.label ?? "");
              }
            }}
          />
        </PopoverAnchor>
        <p id={`${id}-error`} aria-live="polite" className="mt-1 text-sm text-red-700">
          {errors?.[0] ?? ""}
        </p>
      </div>
      <PopoverContent
        asChild
        id={listId}
        role="listbox"
        aria-label={label}
        // Focus stays in the input: typing keeps filtering while the list is open.
        onOpenAutoFocus={(event) => event.preventDefault()}
        onCloseAutoFocus={(event) => event.preventDefault()}
        onInteractOutside={(event) => {
          if (event.target instanceof Node && document.getElementById(id)?.contains(event.target)) event.preventDefault();
        }}
        className="max-h-72 w-[var(--radix-popover-trigger-width)] overflow-auto p-0 py-1"
      >
        <ul>
          {isLoading && !options.length ? <li className="px-3 py-2 text-slate-600">Searching…</li> : null}
          {!isLoading && !options.length && query ? <li className="px-3 py-2 text-slate-600">Nothing matches “{query}”</li> : null}
          {all.map((option, index) => {
            const heading = option?.group && (index === 0 || all[index - 1]?.group !== option.group) ? option.group : null;
            return (
              <li key={option?.value ?? "none"} role="presentation">
                {heading ? <div className="px-3 pb-1 pt-2 text-xs font-semibold uppercase tracking-wide text-slate-600">{heading}</div> : null}
                <div
                  id={`${listId}-${index}`}
                  role="option"
                  aria-selected={index === active}
                  onMouseDown={(event) => {
                    event.preventDefault();
                    choose(option);
                  }}
                  onMouseEnter={() => setActive(index)}
                  className={`cursor-pointer px-3 py-1.5 ${index === active ? "bg-brand-50 text-brand-800" : "text-slate-900"}`}
                >
                  {option ? option.label : <span className="italic text-slate-600">{clearLabel}</span>}
                  {option?.detail ? <span className="ml-2 text-xs text-slate-600">{option.detail}</span> : null}
                </div>
              </li>
            );
          })}
        </ul>
      </PopoverContent>
    </Popover>
  );
}
