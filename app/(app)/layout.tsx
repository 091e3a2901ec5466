import Link from "next/link";
import type { ReactNode } from "react";
import { Suspense } from "react";
import { VerifyEmailBanner } from "@/components/auth/verify-email-banner";
import { CycleSelect } from "@/components/shell/cycle-select";
import { NavLinks, type NavItem } from "@/components/shell/nav-links";
import { OrganizationProvider } from "@/components/shell/organization-provider";
import { UserMenu } from "@/components/shell/user-menu";
import { ToastProvider } from "@/components/ui/toast";
import { requirePageActor } from "@/lib/auth/session";
import { listCycles } from "@/lib/cycles/queries";
import { isDevMailboxEnabled } from "@/lib/env";
import { can } from "@/lib/permissions";
import { switchOrganizationAction } from "./actions";

const NAV: NavItem[] = [
  { href: "/", label: "Home" },
  { href: "/my-week", label: "My week" },
  { href: "/tree", label: "Alignment" },
  { href: "/review", label: "Review" },
  { href: "/teams", label: "Teams" },
  { href: "/members", label: "People" },
  { href: "/cycles", label: "Cycles" },
];

export default async function AppLayout({ children }: { children: ReactNode }) {
  const actor = await requirePageActor();
  const { cycles, defaultCycleId } = await listCycles(actor.orgId);
  return (
    <ToastProvider>
    <OrganizationProvider organizationId={actor.orgId}>
    <div className="min-h-screen">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2">
        Skip to content
      </a>
      <header className="border-b border-slate-200 bg-white print:hidden">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-2.5">
          <Link href="/" className="flex items-center gap-2 font-semibold text-slate-900">
            <span aria-hidden className="text-brand-600">⚓</span>
            <span data-testid="org-name">{actor.orgName}</span>
          </Link>
          <nav aria-label="Main" className="flex-1">
            <Suspense>
              <NavLinks items={NAV} />
            </Suspense>
          </nav>
          <Suspense>
            <CycleSelect cycles={cycles.map((c) => ({ id: c.id, name: c.name, state: c.state }))} defaultCycleId={defaultCycleId} />
          </Suspense>
          <UserMenu
            name={actor.name}
            email={actor.email}
            role={actor.role}
            organizations={actor.organizations}
            currentOrganizationId={actor.orgId}
            switchOrganization={switchOrganizationAction}
            showMailbox={can(actor, "mailbox.read") && isDevMailboxEnabled()}
          />
        </div>
      </header>
      <main id="main" className="mx-auto max-w-7xl px-4 py-6">
        {actor.isEmailVerified ? null : <VerifyEmailBanner email={actor.email} />}
        {children}
      </main>
    </div>
    </OrganizationProvider>
    </ToastProvider>
  );
}
