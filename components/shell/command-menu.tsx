"use client";

import * as Dialog from "@radix-ui/react-dialog";
import { Command } from "cmdk";
import { useRouter, useSearchParams } from "next/navigation";
import { useEffect, useState, useSyncExternalStore } from "react";
import type { SearchResults } from "@/lib/search/queries";

export interface CommandLink {
  label: string;
  href: string;
  /** Extra words the entry answers to ("okr", "check-in"...). */
  keywords?: string[];
}

interface Props {
  /** Pages to open, shown under "Go to". */
  pages: CommandLink[];
  /** Things the role may create, shown under "Create". */
  creates: CommandLink[];
}

const itemClass = "flex cursor-pointer items-center gap-2 rounded px-3 py-2 text-sm text-slate-900 data-[selected=true]:bg-brand-50 data-[selected=true]:text-brand-800";
const groupClass = "px-1 pb-1 [&_[cmdk-group-heading]]:px-3 [&_[cmdk-group-heading]]:pb-1 [&_[cmdk-group-heading]]:pt-2 [&_[cmdk-group-heading]]:text-xs [&_[cmdk-group-heading]]:font-semibold [&_[cmdk-group-heading]]:uppercase [&_[cmdk-group-heading]]:tracking-wide [&_[cmdk-group-heading]]:text-slate-600";

const subscribeToNothing = () => () => undefined;
const isApplePlatform = () => /Mac|iPhone|iPad/.test(navigator.platform);

function matches(link: CommandLink, needle: string): boolean {
  if (!needle) return true;
  return [link.label, ...(link.keywords ?? [])].some((text) => text.toLowerCase().includes(needle));
}

/**
 * The keyboard command menu (Ctrl-K or Cmd-K, or the header's Search button): jump to any objective, key result,
 * team or person by name, open a page, or start creating something. Names come from /api/v1/search, scoped on the
 * server to the organisation and to the cycle being looked at.
 */
export function CommandMenu({ pages, creates }: Props) {
  const router = useRouter();
  const cycle = useSearchParams().get("cycle");
  const [isOpen, setOpen] = useState(false);
  const [query, setQuery] = useState("");
  const [results, setResults] = useState<SearchResults | null>(null);
  const [isSearching, setSearching] = useState(false);
  const isMac = useSyncExternalStore(subscribeToNothing, isApplePlatform, () => false);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key.toLowerCase() === "k" && (event.metaKey || event.ctrlKey) && !event.altKey && !event.shiftKey) {
        event.preventDefault();
        setOpen((open) => !open);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  const term = query.trim();
  useEffect(() => {
    if (!isOpen || !term) return;
    const controller = new AbortController();
    // Waits for a pause in typing rather than asking the server on every keystroke.
    const timer = window.setTimeout(() => {
      setSearching(true);
      const params = new URLSearchParams({ q: term, limit: "5" });
      if (cycle) params.set("cycleId", cycle);
      fetch(`/api/v1/search?${params}`, { headers: { accept: "application/json" }, signal: controller.signal })
        .then(async (res) => (res.ok ? ((await res.json()) as { data: SearchResults }).data : null))
        .then((data) => setResults(data))
        .catch((error: unknown) => {
          if (!(error instanceof DOMException && error.name === "AbortError")) setResults(null);
        })
        .finally(() => {
          if (!controller.signal.aborted) setSearching(false);
        });
    }, 150);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [term, isOpen, cycle]);

  function go(href: string) {
    setOpen(false);
    setQuery("");
    setResults(null);
    router.push(href);
  }
  const withCycle = (href: string) => (cycle ? `${href}${href.includes("?") ? "&" : "?"}cycle=${encodeURIComponent(cycle)}` : href);

  const needle = term.toLowerCase();
  const shownPages = pages.filter((p) => matches(p, needle));
  const shownCreates = creates.filter((c) => matches(c, needle));
  const found = term ? results : null;
  const foundCount = found ? found.objectives.length + found.keyResults.length + found.teams.length + found.people.length : 0;

  return (
    <Dialog.Root
      open={isOpen}
      onOpenChange={(open) => {
        setOpen(open);
        if (!open) setQuery("");
      }}
    >
      <Dialog.Trigger className="inline-flex items-center gap-2 rounded-md px-2.5 py-1.5 text-sm text-slate-700 ring-1 ring-inset ring-slate-300 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600">
        Search
        <kbd className="rounded bg-slate-100 px-1.5 font-sans text-xs text-slate-700">{isMac ? "⌘K" : "Ctrl K"}</kbd>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-50 bg-slate-900/40" />
        <Dialog.Content className="fixed left-1/2 top-[12vh] z-50 w-[min(40rem,calc(100vw-2rem))] -translate-x-1/2 overflow-hidden rounded-xl bg-white shadow-2xl ring-1 ring-slate-200">
          <Dialog.Title className="sr-only">Search and commands</Dialog.Title>
          <Dialog.Description className="sr-only">Type a name to jump to an objective, key result, team or person, or pick a page or something to create.</Dialog.Description>
          <Command shouldFilter={false} label="Search and commands" loop>
            <Command.Input
              value={query}
              onValueChange={setQuery}
              placeholder="Search objectives, key results, teams, people…"
              aria-label="Search"
              className="w-full border-0 border-b border-slate-200 px-4 py-3 text-sm outline-none focus:ring-0"
            />
            <Command.List className="max-h-[60vh] overflow-auto py-1">
              <Command.Empty className="px-4 py-3 text-sm text-slate-700">{isSearching ? "Searching…" : `Nothing matches “${term}”`}</Command.Empty>
              {found && foundCount ? (
                <>
                  {found.objectives.length ? (
                    <Command.Group heading={`Objectives${found.cycle ? ` in ${found.cycle.name}` : ""}`} className={groupClass}>
                      {found.objectives.map((o) => (
                        <Command.Item key={o.id} value={`objective-${o.id}`} onSelect={() => go(`/objectives/${o.id}`)} className={itemClass}>
                          <span className="min-w-0 flex-1 truncate">{o.title}</span>
                          <span className="shrink-0 text-xs text-slate-600">{o.teamName ?? (o.level === "company" ? "Company" : "Personal")}</span>
                        </Command.Item>
                      ))}
                    </Command.Group>
                  ) : null}
                  {found.keyResults.length ? (
                    <Command.Group heading="Key results" className={groupClass}>
                      {found.keyResults.map((k) => (
                        <Command.Item key={k.id} value={`key-result-${k.id}`} onSelect={() => go(`/objectives/${k.objectiveId}`)} className={itemClass}>
                          <span className="min-w-0 flex-1 truncate">{k.title}</span>
                          <span className="max-w-[40%] shrink-0 truncate text-xs text-slate-600">{k.objectiveTitle}</span>
                        </Command.Item>
                      ))}
                    </Command.Group>
                  ) : null}
                  {found.teams.length ? (
                    <Command.Group heading="Teams" className={groupClass}>
                      {found.teams.map((t) => (
                        <Command.Item key={t.id} value={`team-${t.id}`} onSelect={() => go(withCycle(`/teams/${t.id}`))} className={itemClass}>
                          {t.name}
                        </Command.Item>
                      ))}
                    </Command.Group>
                  ) : null}
                  {found.people.length ? (
                    <Command.Group heading="People" className={groupClass}>
                      {found.people.map((p) => (
                        <Command.Item key={p.id} value={`person-${p.id}`} onSelect={() => go(`/members?q=${encodeURIComponent(p.email)}`)} className={itemClass}>
                          <span className="min-w-0 flex-1 truncate">{p.name}</span>
                          <span className="shrink-0 text-xs text-slate-600">{p.email}</span>
                        </Command.Item>
                      ))}
                    </Command.Group>
                  ) : null}
                </>
              ) : null}
              {shownCreates.length ? (
                <Command.Group heading="Create" className={groupClass}>
                  {shownCreates.map((c) => (
                    <Command.Item key={c.href} value={`create-${c.href}`} onSelect={() => go(withCycle(c.href))} className={itemClass}>
                      {c.label}
                    </Command.Item>
                  ))}
                </Command.Group>
              ) : null}
              {shownPages.length ? (
                <Command.Group heading="Go to" className={groupClass}>
                  {shownPages.map((p) => (
                    <Command.Item key={p.href} value={`page-${p.href}`} onSelect={() => go(withCycle(p.href))} className={itemClass}>
                      {p.label}
                    </Command.Item>
                  ))}
                </Command.Group>
              ) : null}
            </Command.List>
          </Command>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
