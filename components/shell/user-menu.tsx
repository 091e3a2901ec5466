"use client";

import { signOut } from "next-auth/react";
import Link from "next/link";
import { useEffect, useRef, useState } from "react";

interface Props {
  name: string;
  email: string;
  role: string;
  organizations: { id: string; name: string }[];
  currentOrganizationId: string;
  switchOrganization: (formData: FormData) => Promise<void>;
  /** The development mailbox, for admins while no SMTP server is configured. */
  showMailbox: boolean;
}

export function UserMenu({ name, email, role, organizations, currentOrganizationId, switchOrganization, showMailbox }: Props) {
  const [isOpen, setOpen] = useState(false);
  const container = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!isOpen) return;
    function onKey(event: KeyboardEvent) {
      if (event.key === "Escape") {
        setOpen(false);
        button.current?.focus();
      }
    }
    function onClick(event: MouseEvent) {
      if (!container.current?.contains(event.target as Node)) setOpen(false);
    }
    document.addEventListener("keydown", onKey);
    document.addEventListener("mousedown", onClick);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("mousedown", onClick);
    };
  }, [isOpen]);

  const initials = name
    .split(/\s+/)
    .map((p) => p[0])
    .slice(0, 2)
    .join("")
    .toUpperCase();

  return (
    <div ref={container} className="relative">
      <button
        ref={button}
        type="button"
        aria-haspopup="true"
        aria-expanded={isOpen}
        aria-controls="user-menu"
        onClick={() => setOpen((v) => !v)}
        className="flex items-center gap-2 rounded-full py-1 pl-1 pr-2 text-sm text-slate-800 hover:bg-slate-100"
      >
        <span aria-hidden className="flex size-7 items-center justify-center rounded-full bg-brand-100 text-xs font-semibold text-brand-800">
          {initials}
        </span>
        <span className="hidden sm:inline">{name}</span>
        <span className="sr-only">Open user menu</span>
      </button>
      {isOpen ? (
        <div id="user-menu" className="absolute right-0 z-30 mt-2 w-72 rounded-lg bg-white p-2 shadow-lg ring-1 ring-slate-200">
          <div className="border-b border-slate-100 px-2 pb-2">
            <p className="text-sm font-medium text-slate-900">{name}</p>
            <p className="truncate text-xs text-slate-600">{email}</p>
            <p className="mt-0.5 text-xs text-slate-600">Role: {role}</p>
          </div>
          {organizations.length > 1 ? (
            <form action={switchOrganization} className="border-b border-slate-100 p-2">
              <label htmlFor="switch-org" className="block text-xs font-medium text-slate-700">
                Organisation
              </label>
              <div className="mt-1 flex gap-2">
                <select id="switch-org" name="organizationId" defaultValue={currentOrganizationId} className="min-w-0 flex-1 rounded-md py-1 text-sm ring-1 ring-slate-300">
                  {organizations.map((o) => (
                    <option key={o.id} value={o.id}>
                      {o.name}
                    </option>
                  ))}
                </select>
                <button type="submit" className="rounded-md px-2 py-1 text-sm ring-1 ring-slate-300 hover:bg-slate-50">
                  Switch
                </button>
              </div>
            </form>
          ) : null}
          <nav className="py-1" aria-label="Account">
            <Link className="block rounded-md px-2 py-1.5 text-sm text-slate-800 hover:bg-slate-100" href="/settings/profile" onClick={() => setOpen(false)}>
              Profile and reminders
            </Link>
            <Link className="block rounded-md px-2 py-1.5 text-sm text-slate-800 hover:bg-slate-100" href="/settings/tokens" onClick={() => setOpen(false)}>
              API tokens
            </Link>
            <Link className="block rounded-md px-2 py-1.5 text-sm text-slate-800 hover:bg-slate-100" href="/settings/organization" onClick={() => setOpen(false)}>
              Organisation settings
            </Link>
            {showMailbox ? (
              <Link className="block rounded-md px-2 py-1.5 text-sm text-slate-800 hover:bg-slate-100" href="/admin/mailbox" onClick={() => setOpen(false)}>
                Outgoing mail (development)
              </Link>
            ) : null}
          </nav>
          <button
            type="button"
            onClick={() => signOut({ callbackUrl: "/signin" })}
            className="w-full rounded-md px-2 py-1.5 text-left text-sm text-slate-800 hover:bg-slate-100"
          >
            Sign out
          </button>
        </div>
      ) : null}
    </div>
  );
}
