import Link from "next/link";
import type { ReactNode } from "react";
import { Suspense } from "react";
import { VerifyEmailBanner } from "@/components/auth/verify-email-banner";
import { CommandMenu, type CommandLink } from "@/components/shell/command-menu";
import { CycleSelect } from "@/components/shell/cycle-select";
import { NewMenu, type NewMenuEntry } from "@/components/shell/new-menu";
import { NavLinks, type NavItem } from "@/components/shell/nav-links";
import { OrganizationProvider } from "@/components/shell/organization-provider";
import { UserMenu } from "@/components/shell/user-menu";
import { ToastProvider } from "@/components/ui/toast";
import { requirePageActor } from "@/lib/auth/session";
import { listCycles, selectCycle } from "@/lib/cycles/queries";
import { isDevMailboxEnabled } from "@/lib/env";
import type { Actor } from "@/lib/auth/actor";
import { can, hasGrant } from "@/lib/permissions";
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

const COMMAND_PAGES: CommandLink[] = [
  { href: "/my-week", label: "Open My week", keywords: ["check-in", "check in", "update"] },
  { href: "/tree", label: "Open the alignment tree", keywords: ["alignment", "tree", "graph"] },
  { href: "/review", label: "Open the review", keywords: ["review", "report", "export"] },
  { href: "/teams", label: "Open teams", keywords: ["teams"] },
  { href: "/members", label: "Open people", keywords: ["people", "members", "invite"] },
  { href: "/cycles", label: "Open cycles", keywords: ["cycles", "quarter"] },
  { href: "/", label: "Open home", keywords: ["home", "dashboard"] },
];

/** What the header's New menu offers this person: only what their role allows. */
function creatableEntries(actor: Actor): NewMenuEntry[] {
  const entries: NewMenuEntry[] = [];
  if (hasGrant(actor, "objective.create")) entries.push({ label: "New objective", href: "/objectives/new", keepsCycle: true });
  if (can(actor, "team.manage")) entries.push({ label: "New team", href: "/teams#new-team" });
  if (can(actor, "cycle.manage")) entries.push({ label: "New cycle", href: "/cycles#new-cycle" });
  if (can(actor, "member.invite")) entries.push({ label: "Invite a person", href: "/members#invite-heading" });
  return entries;
}

export default async function AppLayout({ children }: { children: ReactNode }) {
  const actor = await requirePageActor();
  // The selector shows the cycle a page without ?cycle= shows: the same choice as the pages make (selectCycle).
  const [{ cycles }, shownCycle] = await Promise.all([listCycles(actor), selectCycle(actor, undefined)]);
  const creatable = creatableEntries(actor);
  return (
    <ToastProvider>
    <OrganizationProvider organizationId={actor.orgId}>
    <div className="min-h-screen">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2">
        Skip to content
      </a>
      <header className="border-b border-slate-200 bg-white print:hidden">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-3 gap-y-2 px-4 py-2.5">
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
            <CycleSelect cycles={cycles.map((c) => ({ id: c.id, name: c.name, state: c.state }))} defaultCycleId={shownCycle?.id ?? null} />
          </Suspense>
          <Suspense>
            <CommandMenu pages={COMMAND_PAGES} creates={creatable.filter((e) => e.keepsCycle).map((e) => ({ label: "Create an objective", href: e.href, keywords: ["new", "objective", "okr"] }))} />
            <NewMenu entries={creatable} />
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
