"use client";

import * as DropdownMenu from "@radix-ui/react-dropdown-menu";
import { useRouter, useSearchParams } from "next/navigation";

export interface NewMenuEntry {
  /** What the entry creates, shown as "New <label>" unless `text` says otherwise. */
  label: string;
  href: string;
  /** Kept with the cycle being looked at, so a new objective lands in the cycle on screen. */
  keepsCycle?: boolean;
}

/**
 * The header's "New" menu: everything a person may create, from any page. The server decides the entries from the
 * role (`can()`), so someone who may create nothing sees no button at all.
 */
export function NewMenu({ entries }: { entries: NewMenuEntry[] }) {
  const router = useRouter();
  const cycle = useSearchParams().get("cycle");
  if (!entries.length) return null;
  return (
    <DropdownMenu.Root modal={false}>
      <DropdownMenu.Trigger className="inline-flex items-center gap-1 rounded-md bg-brand-600 px-2.5 py-1.5 text-sm font-medium text-white shadow-xs hover:bg-brand-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600">
        <span aria-hidden>+</span> New
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content align="end" sideOffset={6} className="z-50 min-w-48 rounded-md bg-white p-1 text-sm shadow-lg ring-1 ring-slate-200">
          {entries.map((entry) => (
            <DropdownMenu.Item
              key={entry.href}
              onSelect={() => router.push(entry.keepsCycle && cycle ? `${entry.href}${entry.href.includes("?") ? "&" : "?"}cycle=${encodeURIComponent(cycle)}` : entry.href)}
              className="cursor-pointer rounded px-2.5 py-1.5 text-slate-900 outline-none data-[highlighted]:bg-brand-50 data-[highlighted]:text-brand-800"
            >
              {entry.label}
            </DropdownMenu.Item>
          ))}
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
