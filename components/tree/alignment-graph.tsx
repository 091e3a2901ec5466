"use client";

import "@xyflow/react/dist/style.css";
import "./graph-presentation.css";
import { Controls, MiniMap, Panel, ReactFlow, ReactFlowProvider, useReactFlow, type Edge, type NodeChange } from "@xyflow/react";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from "react";
import {
  buildGraphTree,
  chooseLevel,
  fitToScreen,
  layoutVisible,
  MIN_READABLE_ZOOM,
  visibleGraph,
  type GraphData,
  type GraphTreeNode,
} from "@/lib/tree/graph-model";
import { CONFIDENCE_TEXT, formatGraphPercent, GRAPH_NODE_TYPES, GraphToggleContext, type KeyResultNode, type ObjectiveNode } from "./graph-node";

const PRESENTING_CLASS = "keel-presenting";
const KEYS_HELP = "Tab or arrow keys move between cards, Enter opens one, Space shows or hides what is beneath it.";
// React Flow's own wording talks about selecting and deleting nodes, which this read-only view does not do.
const ARIA_LABELS = {
  "node.a11yDescription.default": KEYS_HELP,
  "node.a11yDescription.keyboardDisabled": KEYS_HELP,
  "edge.a11yDescription.default": "A line from an objective or key result to what is aligned beneath it.",
  "controls.ariaLabel": "Zoom controls",
  "controls.zoomIn.ariaLabel": "Zoom in",
  "controls.zoomOut.ariaLabel": "Zoom out",
};
const MAX_LEVEL = 10;

type Size = { width: number; height: number };

const titleOf = (node: GraphTreeNode) => (node.kind === "objective" ? node.objective.title : `key result ${node.keyResult.title}`);

function describeNode(node: GraphTreeNode): string {
  if (node.kind === "keyResult") return `Key result: ${node.keyResult.title}, ${formatGraphPercent(node.keyResult.progress)}`;
  const o = node.objective;
  const home = o.team ?? (o.level === "company" ? "Company" : "Personal");
  const status = o.state === "abandoned" ? "abandoned" : o.confidence ? CONFIDENCE_TEXT[o.confidence].toLowerCase() : "no check-in yet";
  return `${o.title}. ${home}, ${o.owner}, ${formatGraphPercent(o.progress)}, ${status}`;
}

/**
 * The graph view of one objective's subtree, made for the wall screen in a review: React Flow draws, pans and zooms;
 * lib/tree/graph-model decides what is shown and where. Cards are measured once rendered and laid out again with
 * their real heights, so long titles wrap in full instead of being cut.
 */
export function AlignmentGraph(props: { data: GraphData; initialLevel: number | null; label: string }) {
  return (
    <ReactFlowProvider>
      <GraphView {...props} />
    </ReactFlowProvider>
  );
}

function GraphView({ data, initialLevel, label }: { data: GraphData; initialLevel: number | null; label: string }) {
  const router = useRouter();
  const { setViewport } = useReactFlow();
  const tree = useMemo(() => buildGraphTree(data), [data]);
  const frame = useRef<HTMLDivElement>(null);
  const [screen, setScreen] = useState<Size | null>(null);

  // The level lives in the address like the tree's; without one, the deepest level that fits at a readable zoom.
  const [chosenLevel, setChosenLevel] = useState<number | null>(initialLevel);
  const fittingLevel = useMemo(() => (screen ? chooseLevel(tree, screen) : null), [tree, screen]);
  const level = chosenLevel ?? fittingLevel;
  const [overrides, setOverrides] = useState<Map<string, boolean>>(() => new Map());
  const [measured, setMeasured] = useState<Map<string, Size>>(() => new Map());
  const [fitRequest, setFitRequest] = useState(1);
  const fittedFor = useRef(0);
  const [hasFitted, setHasFitted] = useState(false);
  const [isPresenting, setPresenting] = useState(false);

  const visible = useMemo(() => (level === null ? [] : visibleGraph(tree, level, overrides)), [tree, level, overrides]);
  const layout = useMemo(() => layoutVisible(tree, visible, measured), [tree, visible, measured]);

  const nodes = useMemo(
    () =>
      visible.map((v): ObjectiveNode | KeyResultNode => {
        const node = tree.nodes.get(v.id)!;
        const at = layout.nodes.get(v.id)!;
        const size = measured.get(v.id);
        const common = {
          id: v.id,
          position: { x: at.x, y: at.y },
          ariaLabel: describeNode(node),
          draggable: false,
          selectable: false,
          connectable: false,
          deletable: false,
          // React Flow turns pointer events off on nodes it cannot select or drag; the cards' links and toggles need them.
          style: { pointerEvents: "all" as const },
          ...(size ? { measured: size } : {}),
        };
        return node.kind === "objective"
          ? { ...common, type: "objective", data: { objective: node.objective, beneath: node.beneath, hasChildren: node.children.length > 0, isExpanded: v.isExpanded } }
          : { ...common, type: "keyResult", data: { keyResult: node.keyResult } };
      }),
    [visible, tree, layout, measured],
  );
  const edges = useMemo(
    (): Edge[] =>
      visible
        .filter((v) => v.parentId)
        .map((v) => ({
          id: `e-${v.id}`,
          source: v.parentId!,
          target: v.id,
          type: "smoothstep",
          focusable: false,
          selectable: false,
          ariaLabel: `${titleOf(tree.nodes.get(v.id)!)} is aligned under ${titleOf(tree.nodes.get(v.parentId!)!)}`,
          style: { stroke: "#475569", strokeWidth: 2 },
        })),
    [visible, tree],
  );

  // React Flow reports each card's rendered size; the layout is redone with it (positions only, so no loop).
  const onNodesChange = useCallback((changes: NodeChange[]) => {
    setMeasured((current) => {
      let next: Map<string, Size> | null = null;
      for (const change of changes) {
        if (change.type !== "dimensions" || !change.dimensions) continue;
        const old = current.get(change.id);
        if (old && Math.abs(old.width - change.dimensions.width) < 1 && Math.abs(old.height - change.dimensions.height) < 1) continue;
        next ??= new Map(current);
        next.set(change.id, change.dimensions);
      }
      return next ?? current;
    });
  }, []);

  useEffect(() => {
    const el = frame.current;
    if (!el) return;
    const observer = new ResizeObserver(([entry]) => {
      if (!entry) return;
      setScreen({ width: entry.contentRect.width, height: entry.contentRect.height });
      setFitRequest((n) => n + 1);
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const isMeasured = visible.length > 0 && visible.every((v) => measured.has(v.id));
  useEffect(() => {
    if (!isMeasured || !screen || fittedFor.current === fitRequest) return;
    fittedFor.current = fitRequest;
    const root = layout.nodes.get(tree.rootId);
    if (!root) return;
    void setViewport(fitToScreen(layout, root, screen)).then(() => setHasFitted(true));
  }, [isMeasured, screen, fitRequest, layout, tree.rootId, setViewport]);
  const requestFit = () => setFitRequest((n) => n + 1);

  const expandTo = (next: number) => {
    setChosenLevel(next);
    setOverrides(new Map());
    requestFit();
    const url = new URL(window.location.href);
    url.searchParams.set("level", String(next));
    window.history.replaceState(window.history.state, "", url);
  };
  const toggle = useCallback(
    (id: string) => {
      const isExpanded = visible.find((v) => v.id === id)?.isExpanded ?? false;
      setOverrides((current) => new Map(current).set(id, !isExpanded));
    },
    [visible],
  );

  // Presentation: the graph takes the whole screen (fullscreen where the browser allows it) and the app's chrome is
  // hidden by a class on <html>; Escape, or leaving fullscreen, ends it.
  const leavePresentation = useCallback(() => {
    setPresenting(false);
    if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
  }, []);
  const present = () => {
    setPresenting(true);
    if (document.fullscreenEnabled && !document.fullscreenElement) void document.documentElement.requestFullscreen().catch(() => undefined);
  };
  useEffect(() => {
    if (!isPresenting) return;
    const root = document.documentElement;
    root.classList.add(PRESENTING_CLASS);
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (event.key === "Escape") leavePresentation();
    };
    const onFullscreen = () => {
      if (!document.fullscreenElement) setPresenting(false);
    };
    window.addEventListener("keydown", onKey);
    document.addEventListener("fullscreenchange", onFullscreen);
    return () => {
      root.classList.remove(PRESENTING_CLASS);
      window.removeEventListener("keydown", onKey);
      document.removeEventListener("fullscreenchange", onFullscreen);
    };
  }, [isPresenting, leavePresentation]);

  const focusNode = (id: string | null | undefined) => {
    if (!id) return;
    frame.current?.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(id)}"]`)?.focus();
  };
  // Arrow keys walk the drawing as it looks: up to the parent, down to the first child, across the row.
  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const target = event.target as HTMLElement;
    if (!target.classList.contains("react-flow__node")) return;
    const id = target.dataset.id;
    const node = id ? tree.nodes.get(id) : undefined;
    const here = id ? layout.nodes.get(id) : undefined;
    if (!node || !here) return;
    const shown = visible.find((v) => v.id === id);
    const row = () =>
      layout.order
        .map((other) => layout.nodes.get(other)!)
        .filter((other) => other.depth === here.depth)
        .sort((a, b) => a.x - b.x);
    switch (event.key) {
      case "Enter":
        router.push(`/objectives/${node.kind === "objective" ? node.id : node.keyResult.objectiveId}`);
        break;
      case " ":
        if (node.kind === "objective" && node.children.length) toggle(node.id);
        break;
      case "ArrowUp":
        focusNode(node.parentId);
        break;
      case "ArrowDown":
        focusNode(shown?.isExpanded ? node.children[0] : null);
        break;
      case "ArrowLeft":
      case "ArrowRight": {
        const cells = row();
        const index = cells.findIndex((cell) => cell.id === id);
        focusNode(cells[index + (event.key === "ArrowLeft" ? -1 : 1)]?.id);
        break;
      }
      default:
        return;
    }
    event.preventDefault();
  }

  const levels = Array.from({ length: Math.min(MAX_LEVEL, tree.maxGeneration) }, (_, i) => i + 1);
  return (
    <div className="space-y-2">
      <div data-graph-chrome className="flex flex-wrap items-center gap-2 text-sm">
        <button type="button" onClick={requestFit} className="rounded-md bg-white px-2.5 py-1.5 ring-1 ring-slate-300 hover:bg-slate-50">
          Fit to screen
        </button>
        {levels.length ? (
          <label className="flex items-center gap-1.5">
            <span>Expand to level</span>
            <select
              className="rounded-md bg-white py-1 text-sm ring-1 ring-slate-300"
              value={level === null ? "" : String(Math.min(level, tree.maxGeneration))}
              onChange={(e) => expandTo(Number(e.target.value))}
            >
              {level === null ? <option value="">…</option> : null}
              {levels.map((n) => (
                <option key={n} value={n}>
                  {n === tree.maxGeneration ? `${n} (all)` : n}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <button type="button" onClick={present} className="rounded-md bg-brand-600 px-2.5 py-1.5 font-medium text-white hover:bg-brand-700">
          Presentation mode
        </button>
        <span className="text-slate-700">{KEYS_HELP}</span>
      </div>
      <div
        ref={frame}
        data-testid="alignment-graph"
        data-fitted={hasFitted}
        className={isPresenting ? "fixed inset-0 z-50 bg-slate-50" : "h-[75vh] min-h-[480px] overflow-hidden rounded-xl bg-slate-50 ring-1 ring-slate-200"}
      >
        <GraphToggleContext.Provider value={toggle}>
          <ReactFlow
            nodes={nodes}
            edges={edges}
            nodeTypes={GRAPH_NODE_TYPES}
            onNodesChange={onNodesChange}
            onKeyDown={onKeyDown}
            aria-label={`${label}: graph of ${tree.nodes.size - [...tree.nodes.values()].filter((n) => n.kind === "keyResult").length} objectives`}
            className="keel-graph"
            minZoom={Math.min(0.1, MIN_READABLE_ZOOM)}
            maxZoom={2}
            nodesDraggable={false}
            nodesConnectable={false}
            elementsSelectable={false}
            deleteKeyCode={null}
            zoomOnDoubleClick={false}
            colorMode="light"
            ariaLabelConfig={ARIA_LABELS}
          >
            <Controls showInteractive={false} showFitView={false} position="bottom-left" />
            <MiniMap pannable zoomable ariaLabel="Overview of the whole graph" position="bottom-right" nodeColor="#cbd5e1" />
            {isPresenting ? (
              <Panel position="top-right" className="flex gap-2">
                <button type="button" onClick={requestFit} className="rounded-md bg-white px-3 py-1.5 text-base shadow-sm ring-1 ring-slate-300 hover:bg-slate-50">
                  Fit to screen
                </button>
                <button type="button" onClick={leavePresentation} className="rounded-md bg-white px-3 py-1.5 text-base shadow-sm ring-1 ring-slate-300 hover:bg-slate-50">
                  Leave presentation (Esc)
                </button>
              </Panel>
            ) : null}
          </ReactFlow>
        </GraphToggleContext.Provider>
      </div>
    </div>
  );
}
