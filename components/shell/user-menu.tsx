"use client";

import { signOut } from "next-auth/react";
import Link from "next/link";
import { useTransition } from "react";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuGroup,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuRadioGroup,
  DropdownMenuRadioItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";

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
  const [isSwitching, startSwitch] = useTransition();

  const initials = name
    .split(/\s+/)
    .map((p) => p[0])
    .slice(0, 2)
    .join("")
    .toUpperCase();

  function chooseOrganization(organizationId: string) {
    if (organizationId === currentOrganizationId) return;
    const form = new FormData();
    form.set("organizationId", organizationId);
    startSwitch(() => switchOrganization(form));
  }

  return (
    <DropdownMenu>
      <DropdownMenuTrigger className="flex items-center gap-2 rounded-full py-1 pl-1 pr-2 text-sm text-slate-800 hover:bg-slate-100 data-[state=open]:bg-slate-100">
        <span aria-hidden className="flex size-7 items-center justify-center rounded-full bg-brand-100 text-xs font-semibold text-brand-800">
          {initials}
        </span>
        <span className="hidden 2xl:inline">{name}</span>
        <span className="sr-only">Open user menu</span>
      </DropdownMenuTrigger>
      <DropdownMenuContent className="w-72">
        <div className="border-b border-slate-100 px-2 pb-2 pt-1">
          <p className="text-sm font-medium text-slate-900">{name}</p>
          <p className="truncate text-xs text-slate-600">{email}</p>
          <p className="mt-0.5 text-xs text-slate-600">Role: {role}</p>
        </div>
        {organizations.length > 1 ? (
          <>
            <DropdownMenuLabel>{isSwitching ? "Switching organisation…" : "Organisation"}</DropdownMenuLabel>
            <DropdownMenuRadioGroup value={currentOrganizationId} onValueChange={chooseOrganization}>
              {organizations.map((o) => (
                <DropdownMenuRadioItem key={o.id} value={o.id} disabled={isSwitching}>
                  {o.name}
                </DropdownMenuRadioItem>
              ))}
            </DropdownMenuRadioGroup>
            <DropdownMenuSeparator />
          </>
        ) : null}
        <DropdownMenuGroup>
          <DropdownMenuItem asChild>
            <Link href="/settings/profile">Profile and reminders</Link>
          </DropdownMenuItem>
          <DropdownMenuItem asChild>
            <Link href="/settings/tokens">API tokens</Link>
          </DropdownMenuItem>
          <DropdownMenuItem asChild>
            <a href="/api/docs">API reference</a>
          </DropdownMenuItem>
          <DropdownMenuItem asChild>
            <Link href="/settings/organization">Organisation settings</Link>
          </DropdownMenuItem>
          {showMailbox ? (
            <DropdownMenuItem asChild>
              <Link href="/admin/mailbox">Outgoing mail (development)</Link>
            </DropdownMenuItem>
          ) : null}
        </DropdownMenuGroup>
        <DropdownMenuSeparator />
        <DropdownMenuItem onSelect={() => void signOut({ callbackUrl: "/signin" })}>Sign out</DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
