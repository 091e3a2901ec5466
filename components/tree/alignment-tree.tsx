"use client";

import Link from "next/link";
import { startTransition, useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from "react";
import { Combobox, type ComboOption } from "@/components/ui/combobox";
import { CONFIDENCE_LABEL, formatPercent } from "@/components/ui/progress";
import {
  applyFilters,
  countBeneath,
  hasFilters,
  isKeyResultNode,
  keyResultIndex,
  visibleRows,
  whyChainOf,
  type Row,
  type TreeFilters,
  type TreeModel,
} from "@/lib/tree/model";
import { CONFIDENCES, LEVELS, STATES } from "@/lib/tree/payload";
import type { FocusMarks } from "@/lib/tree/focus";
import { ALL_LEVELS, expandToLevel, type PreparedTree } from "@/lib/tree/prepare";
import type { TreePreviewRow } from "@/lib/tree/queries";
import { prepareOffMainThread, startTreeWorker } from "./prepare-off-main-thread";
import { VirtualTree } from "./virtual-tree";
import { Card, cardClass } from "@/components/ui/card";
import { plural } from "@/lib/format";

export interface InitialTreeState {
  q: string;
  teamId: string | null;
  ownerId: string | null;
  state: (typeof STATES)[number] | null;
  confidence: (typeof CONFIDENCES)[number] | null;
  colour: "progress" | "confidence";
  level: number | null;
  selected: string | null;
}

const CONFIDENCE_DOT = ["bg-emerald-600", "bg-amber-500", "bg-red-600"] as const;

function progressColour(progress: number): string {
  return progress >= 70 ? "bg-emerald-600" : progress >= 40 ? "bg-brand-600" : "bg-amber-500";
}

export function AlignmentTree({
  dataUrl,
  initial,
  teams,
  preview,
  canAlignNew,
}: {
  dataUrl: string;
  initial: InitialTreeState;
  teams: { id: string; label: string }[];
  preview: TreePreviewRow[];
  /** Whether the person may create objectives in this cycle: offers "Align a new objective here". */
  canAlignNew: boolean;
}) {
  const [prepared, setPrepared] = useState<PreparedTree | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let isCurrent = true;
    // Started before the download finishes, so its script loads meanwhile.
    const worker = startTreeWorker();
    // No custom headers: the request must match the page's preload to reuse it. The body stays bytes here: the
    // worker parses and builds it, so this thread never holds the page for the 80,000 nodes of a large cycle.
    fetch(dataUrl)
      .then(async (res) => {
        if (!res.ok) throw new Error(res.status === 404 ? "This cycle was not found." : "The tree could not be loaded. Try again.");
        return prepareOffMainThread(worker, await res.arrayBuffer());
      })
      // A transition: React renders the loaded tree in slices, leaving the page free between them.
      .then((tree) => isCurrent && startTransition(() => setPrepared(tree)))
      .catch((e: unknown) => isCurrent && setError(e instanceof Error ? e.message : "The tree could not be loaded."))
      .finally(() => worker?.terminate());
    return () => {
      isCurrent = false;
      worker?.terminate();
    };
  }, [dataUrl]);

  if (error) return <p className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200">{error}</p>;
  if (!prepared) return <TreePreview rows={preview} />;
  return <LoadedTree prepared={prepared} initial={initial} teams={teams} canAlignNew={canAlignNew} />;
}

function LoadedTree({ prepared, initial, teams, canAlignNew }: { prepared: PreparedTree; initial: InitialTreeState; teams: { id: string; label: string }[]; canAlignNew: boolean }) {
  const { model, worst, marks, levels } = prepared;
  const { payload } = model;
  const objectiveIndex = useMemo(() => lazyIndex(payload.objectives.id), [payload]);
  const teamIndex = useMemo(() => lazyIndex(payload.teams.id), [payload]);
  const personIndex = useMemo(() => lazyIndex(payload.people.id), [payload]);

  const [q, setQ] = useState(initial.q);
  const [teamId, setTeamId] = useState(initial.teamId);
  const [owner, setOwner] = useState<ComboOption | null>(() => {
    const i = initial.ownerId ? personIndex.get(initial.ownerId) : undefined;
    return i === undefined ? null : { value: payload.people.id[i]!, label: payload.people.name[i]! };
  });
  const [state, setState] = useState(initial.state);
  const [confidence, setConfidence] = useState(initial.confidence);
  const [colour, setColour] = useState(initial.colour);
  const deferredQ = useDeferredValue(q);

  const filters: TreeFilters = useMemo(
    () => ({
      q: deferredQ,
      team: teamId ? teamIndex.get(teamId) ?? -2 : undefined,
      owner: owner ? personIndex.get(owner.value) ?? -2 : undefined,
      state: state ? STATES.indexOf(state) : undefined,
      confidence: confidence ? CONFIDENCES.indexOf(confidence) : undefined,
    }),
    [deferredQ, teamId, owner, state, confidence, teamIndex, personIndex],
  );
  const isFiltered = hasFilters(filters);
  const filtered = useMemo(() => (isFiltered ? applyFilters(model, filters) : null), [model, filters, isFiltered]);

  // The level the tree was last expanded to, kept in the URL with the filters; 10 (the most the URL takes) is "all".
  const [level, setLevel] = useState<number | null>(initial.level);
  const [expanded, setExpanded] = useState<Set<number>>(() => new Set([...expandToLevel(model, levels, initial.level ?? DEFAULT_LEVEL), ...(filtered?.pathToMatches ?? [])]));
  const expandTo = (next: number) => {
    setLevel(next);
    setExpanded(expandToLevel(model, levels, next));
  };
  // A new set of filters opens the paths to what matched (adjusting state while rendering, not in an effect).
  const [openedFor, setOpenedFor] = useState(filtered);
  if (openedFor !== filtered) {
    setOpenedFor(filtered);
    if (filtered) setExpanded((current) => new Set([...current, ...filtered.pathToMatches]));
  }

  const rows = useMemo(() => visibleRows(model, expanded, filtered ?? { visible: null, matched: null }), [model, expanded, filtered]);
  const [focusIndex, setFocusIndex] = useState(0);
  const [selected, setSelected] = useState<number | null>(() => (initial.selected ? objectiveIndex.get(initial.selected) ?? null : null));

  // Filters and the selection live in the URL, so a link shows the same view.
  const firstSync = useRef(true);
  useEffect(() => {
    if (firstSync.current) {
      firstSync.current = false;
      return;
    }
    const url = new URL(window.location.href);
    const set = (key: string, value: string | null | undefined) => (value ? url.searchParams.set(key, value) : url.searchParams.delete(key));
    set("q", deferredQ.trim() || null);
    set("team", teamId);
    set("owner", owner?.value);
    set("state", state);
    set("confidence", confidence);
    set("colour", colour === "progress" ? null : colour);
    set("selected", selected !== null ? payload.objectives.id[selected] : null);
    set("level", level === null ? null : String(level));
    window.history.replaceState(window.history.state, "", url);
  }, [deferredQ, teamId, owner, state, confidence, colour, selected, level, payload]);
  const isSelectedMissing = initial.selected !== null && !objectiveIndex.has(initial.selected) && selected === null;

  const toggle = useCallback((row: Extract<Row, { kind: "node" }>) => {
    // Opening or closing one branch by hand leaves "levels shown" behind: no level is claimed any more.
    setLevel(null);
    setExpanded((current) => {
      const next = new Set(current);
      if (next.has(row.node)) next.delete(row.node);
      else next.add(row.node);
      return next;
    });
  }, []);

  const select = useCallback(
    (row: Extract<Row, { kind: "node" }>) => {
      const node = isKeyResultNode(model, row.node) ? payload.keyResults.objective[keyResultIndex(model, row.node)]! : row.node;
      setSelected(node);
    },
    [model, payload],
  );

  const rowIndexByNode = useMemo(() => {
    const map = new Map<number, number>();
    rows.forEach((r, i) => r.kind === "node" && map.set(r.node, i));
    return map;
  }, [rows]);
  const parentRowIndex = useCallback(
    (index: number) => {
      const row = rows[index];
      if (!row || row.kind !== "node") return -1;
      return rowIndexByNode.get(model.parentNode[row.node]!) ?? -1;
    },
    [rows, rowIndexByNode, model],
  );

  const ownerLoad = useCallback(
    async (query: string) => {
      const needle = query.trim().toLowerCase();
      const out: ComboOption[] = [];
      for (let i = 0; i < payload.people.name.length && out.length < 20; i++) {
        if (!needle || payload.people.name[i]!.toLowerCase().includes(needle)) out.push({ value: payload.people.id[i]!, label: payload.people.name[i]! });
      }
      return out;
    },
    [payload],
  );

  const renderRow = useCallback(
    (row: Row) => {
      if (row.kind !== "node") return null;
      const indent = { paddingLeft: 12 + (row.level - 1) * 20 };
      const chevron = (
        <span
          aria-hidden
          onClick={(event) => {
            event.stopPropagation();
            toggle(row);
          }}
          className={`mr-1 inline-flex size-5 shrink-0 items-center justify-center rounded text-slate-600 ${row.hasChildren ? "cursor-pointer hover:bg-slate-200" : "invisible"}`}
        >
          {row.isExpanded ? "▾" : "▸"}
        </span>
      );
      if (isKeyResultNode(model, row.node)) {
        const j = keyResultIndex(model, row.node);
        const k = payload.keyResults;
        const c = k.confidence[j]!;
        return (
          <div style={indent} className={`flex min-w-0 flex-1 items-center gap-2 pr-3 text-sm ${row.isContext ? "opacity-60" : ""}`}>
            {chevron}
            <span className="shrink-0 rounded bg-slate-100 px-1 text-[10px] font-semibold text-slate-700">KR</span>
            <span className="min-w-0 flex-1 truncate text-slate-800">{k.title[j]}</span>
            <span className="w-10 shrink-0 text-right text-xs tabular-nums text-slate-700">{formatPercent(k.progress[j]!)}</span>
            {c >= 0 ? <span title={CONFIDENCE_LABEL[CONFIDENCES[c]!]} className={`size-2 shrink-0 rounded-full ${CONFIDENCE_DOT[c]}`} /> : <span className="size-2 shrink-0" />}
            <span className="sr-only">{c >= 0 ? CONFIDENCE_LABEL[CONFIDENCES[c]!] : "no check-in"}</span>
          </div>
        );
      }
      const i = row.node;
      const o = payload.objectives;
      // An abandoned objective has no confidence worth a colour: nobody is working towards it.
      const c = STATES[o.state[i]!] === "abandoned" ? -1 : worst[i]!;
      const marker = colour === "confidence" ? (c >= 0 ? CONFIDENCE_DOT[c] : "bg-slate-300") : progressColour(o.progress[i]!);
      const team = o.team[i]! >= 0 ? payload.teams.name[o.team[i]!] : LEVELS[o.level[i]!] === "company" ? "Company" : "Personal";
      const warn = marks.objectives.get(i);
      return (
        <div style={indent} className={`flex min-w-0 flex-1 items-center gap-2 pr-3 text-sm ${row.isContext ? "opacity-60" : ""}`}>
          {chevron}
          <span aria-hidden className={`h-5 w-1 shrink-0 rounded ${marker}`} />
          <span className={`min-w-0 flex-1 truncate font-medium ${o.state[i] === 3 ? "text-slate-600 line-through" : "text-slate-900"}`}>{o.title[i]}</span>
          {warn ? <span className="shrink-0 rounded bg-amber-50 px-1.5 text-[11px] font-medium text-amber-900 ring-1 ring-amber-300">{warn}</span> : null}
          <span className="hidden w-40 shrink-0 truncate text-xs text-slate-600 md:inline">
            {team} · {payload.people.name[o.owner[i]!]}
          </span>
          <span className="w-10 shrink-0 text-right text-xs tabular-nums text-slate-800">{formatPercent(o.progress[i]!)}</span>
        </div>
      );
    },
    [model, payload, worst, colour, toggle, marks],
  );

  const matchCount = filtered?.matchCount;
  return (
    <div className="space-y-3">
      <Card role="search" aria-label="Filter the tree" className="grid gap-3 p-3 sm:grid-cols-2 lg:grid-cols-6" padded={false}>
        <div className="text-sm lg:col-span-2">
          <label htmlFor="tree-search" className="block font-medium text-slate-800">
            Search
          </label>
          <input
            id="tree-search"
            type="search"
            value={q}
            onChange={(e) => setQ(e.target.value)}
            placeholder="Objective or key result text"
            className="mt-1 block w-full rounded-md px-3 py-1.5 text-sm ring-1 ring-slate-300 focus:ring-2 focus:ring-brand-600"
          />
        </div>
        <div className="text-sm">
          <label htmlFor="tree-team" className="block font-medium text-slate-800">
            Team
          </label>
          <select id="tree-team" value={teamId ?? ""} onChange={(e) => setTeamId(e.target.value || null)} className="mt-1 block w-full rounded-md py-1.5 text-sm ring-1 ring-slate-300">
            <option value="">All teams</option>
            {teams.map((t) => (
              <option key={t.id} value={t.id}>
                {t.label}
              </option>
            ))}
          </select>
        </div>
        <div className="text-sm">
          <Combobox id="tree-owner" name="owner" label="Owner" load={ownerLoad} initial={owner} onChange={setOwner} clearLabel="Anyone" placeholder="Anyone" />
        </div>
        <div className="text-sm">
          <label htmlFor="tree-state" className="block font-medium text-slate-800">
            State
          </label>
          <select id="tree-state" value={state ?? ""} onChange={(e) => setState((e.target.value || null) as InitialTreeState["state"])} className="mt-1 block w-full rounded-md py-1.5 text-sm ring-1 ring-slate-300">
            <option value="">Any state</option>
            {STATES.map((s) => (
              <option key={s} value={s}>
                {s[0]!.toUpperCase() + s.slice(1)}
              </option>
            ))}
          </select>
        </div>
        <div className="text-sm">
          <label htmlFor="tree-confidence" className="block font-medium text-slate-800">
            Confidence
          </label>
          <select id="tree-confidence" value={confidence ?? ""} onChange={(e) => setConfidence((e.target.value || null) as InitialTreeState["confidence"])} className="mt-1 block w-full rounded-md py-1.5 text-sm ring-1 ring-slate-300">
            <option value="">Any confidence</option>
            {CONFIDENCES.map((c) => (
              <option key={c} value={c}>
                Has a key result {CONFIDENCE_LABEL[c].toLowerCase()}
              </option>
            ))}
          </select>
        </div>
      </Card>

      {isSelectedMissing ? (
        <p role="status" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200">
          The objective selected in the address is not in this cycle&apos;s tree; nothing is selected.
        </p>
      ) : null}
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <button type="button" className="rounded-md px-2.5 py-1.5 ring-1 ring-slate-300 hover:bg-slate-50" onClick={() => expandTo(ALL_LEVELS)}>
          Expand all
        </button>
        <button type="button" className="rounded-md px-2.5 py-1.5 ring-1 ring-slate-300 hover:bg-slate-50" onClick={() => expandTo(0)}>
          Collapse all
        </button>
        <fieldset className="flex items-center gap-1">
          <legend className="sr-only">Objective levels shown</legend>
          <span aria-hidden className="mr-1 text-slate-700">
            Levels shown
          </span>
          {[1, 2, 3, 4].map((n) => (
            <label
              key={n}
              className={`cursor-pointer rounded-md px-2.5 py-1.5 ring-1 ring-slate-300 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-brand-600 ${level === n ? "bg-brand-600 text-white ring-brand-600" : "hover:bg-slate-50"}`}
            >
              <input type="radio" name="tree-levels" className="sr-only" checked={level === n} onChange={() => expandTo(n)} />
              {n}
              <span className="sr-only">{n === 1 ? " level: top objectives only" : ` levels: objectives down to level ${n}, with the key results above them`}</span>
            </label>
          ))}
        </fieldset>
        <fieldset className="ml-auto flex items-center gap-3">
          <legend className="sr-only">Colour by</legend>
          <span className="text-slate-700">Colour by</span>
          {(["progress", "confidence"] as const).map((mode) => (
            <label key={mode} className="flex items-center gap-1 capitalize">
              <input type="radio" name="colour" checked={colour === mode} onChange={() => setColour(mode)} /> {mode}
            </label>
          ))}
        </fieldset>
      </div>

      <p aria-live="polite" className="text-sm text-slate-700">
        {matchCount !== undefined
          ? `${matchCount} objective${matchCount === 1 ? "" : "s"} match; objectives above them are shown faded for context.`
          : `${plural(payload.objectives.id.length, "objective")}, ${plural(payload.keyResults.objective.length, "key result")}, ${model.unaligned.length} not aligned.`}
      </p>

      <div className="grid gap-4 lg:grid-cols-[1fr_22rem]">
        {rows.length ? (
          <VirtualTree
            rows={rows}
            label={`Alignment of ${payload.cycle.name}`}
            height={620}
            focusIndex={Math.min(focusIndex, rows.length - 1)}
            onFocusIndex={setFocusIndex}
            onToggle={toggle}
            onSelect={select}
            parentRowIndex={parentRowIndex}
            renderRow={renderRow}
            isSelected={(row) => row.node === selected}
          />
        ) : (
          <p className={`px-4 py-10 text-center text-sm text-slate-700 ${cardClass}`}>
            {isFiltered ? "Nothing matches these filters." : "No objectives in this cycle yet."}
          </p>
        )}
        <DetailsPanel model={model} selected={selected} onSelect={setSelected} worst={worst} marks={marks} canAlignNew={canAlignNew} />
      </div>
    </div>
  );
}

/**
 * The company objectives and their key results, rendered on the server: the top of the tree is on screen at once,
 * and the full, interactive tree replaces it when the whole cycle has arrived.
 */
function TreePreview({ rows }: { rows: TreePreviewRow[] }) {
  return (
    <div className="space-y-3">
      <p role="status" className="text-sm text-slate-700">
        Loading the whole tree; the company objectives are shown meanwhile.
      </p>
      <Card role="tree" aria-label="Company objectives" aria-busy="true" className="overflow-hidden" padded={false}>
        {rows.map((o) => (
          <div key={o.id} role="treeitem" aria-level={1} aria-expanded aria-selected={false} tabIndex={-1}>
            <div className="flex h-9 items-center gap-2 pl-9 pr-3 text-sm">
              <span aria-hidden className={`h-5 w-1 shrink-0 rounded ${progressColour(o.progress)}`} />
              <span className="min-w-0 flex-1 truncate font-medium text-slate-900">{o.title}</span>
              <span className="hidden w-40 shrink-0 truncate text-xs text-slate-600 md:inline">Company · {o.owner}</span>
              <span className="w-10 shrink-0 text-right text-xs tabular-nums text-slate-800">{formatPercent(o.progress)}</span>
            </div>
            <div role="group">
              {o.keyResults.map((k, j) => (
                <div key={j} role="treeitem" aria-level={2} aria-selected={false} className="flex h-9 items-center gap-2 pl-16 pr-3 text-sm">
                  <span className="shrink-0 rounded bg-slate-100 px-1 text-[10px] font-semibold text-slate-700">KR</span>
                  <span className="min-w-0 flex-1 truncate text-slate-800">{k.title}</span>
                  <span className="w-10 shrink-0 text-right text-xs tabular-nums text-slate-700">{formatPercent(k.progress)}</span>
                  <span className="sr-only">{k.confidence ? CONFIDENCE_LABEL[k.confidence as (typeof CONFIDENCES)[number]] : "no check-in"}</span>
                </div>
              ))}
            </div>
          </div>
        ))}
      </Card>
    </div>
  );
}

/** An id-to-index lookup made on first use: most views look nothing up, and 20,000 ids take a while to index. */
function lazyIndex(ids: string[]): { get: (id: string) => number | undefined; has: (id: string) => boolean } {
  let map: Map<string, number> | null = null;
  const built = () => (map ??= new Map(ids.map((id, i) => [id, i])));
  return { get: (id) => built().get(id), has: (id) => built().has(id) };
}

/** Company objectives with their key results and what is aligned directly beneath them. */
const DEFAULT_LEVEL = 2;

function DetailsPanel({
  model,
  selected,
  onSelect,
  worst,
  marks,
  canAlignNew,
}: {
  model: TreeModel;
  selected: number | null;
  onSelect: (i: number) => void;
  worst: Int8Array;
  marks: FocusMarks;
  canAlignNew: boolean;
}) {
  const { payload } = model;
  if (selected === null) {
    return (
      <aside aria-label="Selected objective" className={`p-4 text-sm text-slate-700 ${cardClass}`}>
        Select an objective (click it, or press Enter on it) to see its why chain and a summary.
      </aside>
    );
  }
  const o = payload.objectives;
  const k = payload.keyResults;
  const chain = whyChainOf(model, selected);
  const krs = model.children[selected]!.filter((n) => isKeyResultNode(model, n)).map((n) => keyResultIndex(model, n));
  const beneath = countBeneath(model, selected);
  const c = STATES[o.state[selected]!] === "abandoned" ? -1 : worst[selected]!;
  const warnings = marks.details.get(selected) ?? [];
  return (
    <aside aria-label="Selected objective" className={`space-y-3 p-4 text-sm ${cardClass}`} data-testid="tree-details">
      <div>
        <p className="text-xs text-slate-600">
          {LEVELS[o.level[selected]!]} · {o.team[selected]! >= 0 ? payload.teams.name[o.team[selected]!] : "no team"} · {STATES[o.state[selected]!]}
        </p>
        <h2 className={`text-base font-semibold ${STATES[o.state[selected]!] === "abandoned" ? "text-slate-600 line-through" : "text-slate-900"}`}>{o.title[selected]}</h2>
        <p className="text-slate-700">
          {payload.people.name[o.owner[selected]!]} · {formatPercent(o.progress[selected]!)} · {STATES[o.state[selected]!] === "abandoned" ? "abandoned" : c >= 0 ? CONFIDENCE_LABEL[CONFIDENCES[c]!] : "no check-in yet"}
        </p>
        <p className="mt-1 flex flex-wrap gap-x-3">
          <Link href={`/objectives/${o.id[selected]}`} className="font-medium text-brand-700 underline">
            Open the objective page
          </Link>
          {model.children[selected]!.length ? (
            <Link href={`/tree/graph/${o.id[selected]}`} className="font-medium text-brand-700 underline">
              Show as graph
            </Link>
          ) : null}
        </p>
      </div>
      {warnings.length ? (
        <ul className="rounded-md bg-amber-50 px-3 py-2 text-xs text-amber-900 ring-1 ring-amber-200">
          {warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      ) : null}
      <section aria-labelledby="panel-chain">
        <h3 id="panel-chain" className="text-xs font-semibold uppercase tracking-wide text-slate-700">
          Why chain
        </h3>
        {chain.length === 0 ? (
          <p className="text-slate-700">{o.level[selected] === 0 ? "A company objective: the top of its chain." : "Not aligned to anything."}</p>
        ) : (
          <ol className="mt-1 space-y-1" data-testid="tree-why-chain">
            {[...chain].reverse().map((step) => (
              <li key={step.objective}>
                <button type="button" onClick={() => onSelect(step.objective)} className="text-left font-medium text-slate-900 underline-offset-2 hover:underline">
                  {o.title[step.objective]}
                </button>
                {step.viaKeyResult >= 0 ? <p className="ml-3 text-xs text-slate-700">↳ through “{k.title[step.viaKeyResult]}”</p> : null}
              </li>
            ))}
            <li className="font-semibold text-brand-800">↳ {o.title[selected]}</li>
          </ol>
        )}
      </section>
      <section aria-labelledby="panel-krs">
        <h3 id="panel-krs" className="text-xs font-semibold uppercase tracking-wide text-slate-700">
          Key results ({krs.length})
        </h3>
        <ul className="mt-1 space-y-1">
          {krs.map((j) => (
            <li key={j} className="flex items-center gap-2">
              <span className="min-w-0 flex-1 truncate">{k.title[j]}</span>
              <span className="tabular-nums text-slate-700">{formatPercent(k.progress[j]!)}</span>
            </li>
          ))}
        </ul>
      </section>
      <p className="text-slate-700">
        {beneath} objective{beneath === 1 ? "" : "s"} aligned beneath it.
      </p>
      {canAlignNew && o.state[selected] !== 3 ? <AlignHere key={o.id[selected]} objectiveId={o.id[selected]!} objectiveTitle={o.title[selected]!} /> : null}
    </aside>
  );
}

interface AlignableKeyResult {
  id: string;
  title: string;
  position: number;
}

/**
 * "Align a new objective here" for the selected objective and each of its key results: opens the new-objective
 * form with that parent filled in. The tree's payload carries no key-result ids, so they are read for the one
 * objective selected.
 */
function AlignHere({ objectiveId, objectiveTitle }: { objectiveId: string; objectiveTitle: string }) {
  const [keyResults, setKeyResults] = useState<AlignableKeyResult[] | null>(null);
  useEffect(() => {
    let isCurrent = true;
    fetch(`/api/v1/key-results?objectiveId=${objectiveId}&limit=50`, { headers: { accept: "application/json" } })
      .then(async (res) => (res.ok ? ((await res.json()) as { data: AlignableKeyResult[] }).data : []))
      .catch(() => [])
      .then((data) => isCurrent && setKeyResults([...data].sort((a, b) => a.position - b.position)));
    return () => {
      isCurrent = false;
    };
  }, [objectiveId]);
  const linkClass = "shrink-0 font-medium text-brand-700 underline";
  return (
    <section aria-labelledby="panel-align" className="border-t border-slate-200 pt-3">
      <h3 id="panel-align" className="text-xs font-semibold uppercase tracking-wide text-slate-700">
        Plan beneath it
      </h3>
      <ul className="mt-1 space-y-1">
        <li className="flex items-center gap-2">
          <span className="min-w-0 flex-1 truncate">The objective itself</span>
          <Link href={`/objectives/new?parentObjective=${objectiveId}`} className={linkClass} aria-label={`Align a new objective here: ${objectiveTitle}`}>
            Align a new objective here
          </Link>
        </li>
        {keyResults?.map((kr) => (
          <li key={kr.id} className="flex items-center gap-2">
            <span className="min-w-0 flex-1 truncate">↳ {kr.title}</span>
            <Link href={`/objectives/new?parentKeyResult=${kr.id}`} className={linkClass} aria-label={`Align a new objective here: ${kr.title}`}>
              Align a new objective here
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
