"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState, type KeyboardEvent, type PointerEvent, type WheelEvent } from "react";
import type { GraphNode } from "@/lib/tree/graph";

const MAX_KRS_SHOWN = 4;
const CONFIDENCE_FILL: Record<string, string> = { on_track: "#059669", at_risk: "#f59e0b", off_track: "#dc2626" };

interface View {
  x: number;
  y: number;
  scale: number;
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function barColour(progress: number): string {
  return progress >= 70 ? "#059669" : progress >= 40 ? "#4f46e5" : "#f59e0b";
}

/**
 * The graph view: boxes and lines for one objective's subtree, for the wall screen in a review meeting.
 * Drag or arrow keys to pan, wheel or +/- to zoom, 0 to fit; each box is a link to its objective.
 */
export function AlignmentGraph({ nodes, width, height, label }: { nodes: GraphNode[]; width: number; height: number; label: string }) {
  const router = useRouter();
  const frame = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState({ w: 1200, h: 700 });
  const [view, setView] = useState<View>({ x: 0, y: 0, scale: 1 });
  const drag = useRef<{ x: number; y: number; view: View } | null>(null);

  const fitted = useCallback(
    (w: number, h: number): View => {
      const margin = 24;
      const scale = Math.min(1.5, (w - margin * 2) / Math.max(width, 1), (h - margin * 2) / Math.max(height, 1));
      return { scale, x: (w - width * scale) / 2, y: margin };
    },
    [width, height],
  );
  const fit = () => setView(fitted(size.w, size.h));

  // The frame's size is known only once it is on screen: fit the graph then, and again when it is resized.
  useEffect(() => {
    const el = frame.current;
    if (!el) return;
    const observer = new ResizeObserver(([entry]) => {
      if (!entry) return;
      const next = { w: entry.contentRect.width, h: entry.contentRect.height };
      setSize(next);
      setView(fitted(next.w, next.h));
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [fitted]);

  const zoomAt = (factor: number, cx = size.w / 2, cy = size.h / 2) =>
    setView((v) => {
      const scale = Math.min(4, Math.max(0.05, v.scale * factor));
      const k = scale / v.scale;
      return { scale, x: cx - (cx - v.x) * k, y: cy - (cy - v.y) * k };
    });

  function onWheel(event: WheelEvent<HTMLDivElement>) {
    const rect = event.currentTarget.getBoundingClientRect();
    zoomAt(event.deltaY < 0 ? 1.15 : 1 / 1.15, event.clientX - rect.left, event.clientY - rect.top);
  }

  function onPointerDown(event: PointerEvent<HTMLDivElement>) {
    if ((event.target as Element).closest("a")) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    drag.current = { x: event.clientX, y: event.clientY, view };
  }
  function onPointerMove(event: PointerEvent<HTMLDivElement>) {
    const start = drag.current;
    if (!start) return;
    setView({ ...start.view, x: start.view.x + event.clientX - start.x, y: start.view.y + event.clientY - start.y });
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const step = 60;
    const moves: Record<string, () => void> = {
      ArrowLeft: () => setView((v) => ({ ...v, x: v.x + step })),
      ArrowRight: () => setView((v) => ({ ...v, x: v.x - step })),
      ArrowUp: () => setView((v) => ({ ...v, y: v.y + step })),
      ArrowDown: () => setView((v) => ({ ...v, y: v.y - step })),
      "+": () => zoomAt(1.2),
      "=": () => zoomAt(1.2),
      "-": () => zoomAt(1 / 1.2),
      "0": fit,
    };
    const move = moves[event.key];
    if (!move || (event.target as Element).closest("a")) return;
    event.preventDefault();
    move();
  }

  const byId = new Map(nodes.map((n) => [n.id, n]));
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <button type="button" onClick={() => zoomAt(1.2)} className="rounded-md px-2.5 py-1 ring-1 ring-slate-300 hover:bg-slate-50">
          Zoom in
        </button>
        <button type="button" onClick={() => zoomAt(1 / 1.2)} className="rounded-md px-2.5 py-1 ring-1 ring-slate-300 hover:bg-slate-50">
          Zoom out
        </button>
        <button type="button" onClick={fit} className="rounded-md px-2.5 py-1 ring-1 ring-slate-300 hover:bg-slate-50">
          Fit to screen
        </button>
        <span className="text-slate-700">Drag or use the arrow keys to pan; wheel or + and − to zoom.</span>
      </div>
      <div
        ref={frame}
        tabIndex={0}
        role="group"
        aria-label={`${label}: graph of ${nodes.length} objectives. Arrow keys pan, plus and minus zoom, 0 fits.`}
        className="h-[75vh] cursor-grab touch-none overflow-hidden rounded-xl bg-slate-100 ring-1 ring-slate-200 active:cursor-grabbing"
        onWheel={onWheel}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={() => (drag.current = null)}
        onKeyDown={onKeyDown}
      >
        <svg width="100%" height="100%" data-testid="alignment-graph">
          <g transform={`translate(${view.x} ${view.y}) scale(${view.scale})`}>
            {nodes.map((n) => {
              const parent = n.parentId ? byId.get(n.parentId) : null;
              if (!parent) return null;
              const x1 = parent.x + parent.width / 2;
              const y1 = parent.y + parent.height;
              const x2 = n.x + n.width / 2;
              const y2 = n.y;
              const mid = (y1 + y2) / 2;
              return <path key={`e-${n.id}`} d={`M${x1},${y1} V${mid} H${x2} V${y2}`} fill="none" stroke="#64748b" strokeWidth={1.5} strokeDasharray={n.viaKeyResult ? "5 4" : undefined} />;
            })}
            {nodes.map((n) => (
              <a
                key={n.id}
                href={`/objectives/${n.id}`}
                onClick={(event) => {
                  event.preventDefault();
                  router.push(`/objectives/${n.id}`);
                }}
                aria-label={`${n.title}, ${n.team ?? n.level}, ${n.owner}, ${Math.round(n.progress)}% progress`}
                className="focus:outline-none [&:focus-visible>rect]:stroke-brand-600 [&:focus-visible>rect]:stroke-[3]"
              >
                <rect x={n.x} y={n.y} width={n.width} height={n.height} rx={8} fill="white" stroke="#cbd5e1" />
                {n.viaKeyResult ? (
                  <text x={n.x + 10} y={n.y + 16} fontSize={11} fill="#475569">
                    via “{truncate(n.viaKeyResult, 36)}”
                  </text>
                ) : null}
                <text x={n.x + 10} y={n.y + (n.viaKeyResult ? 34 : 20)} fontSize={13} fontWeight={600} fill={n.state === "abandoned" ? "#64748b" : "#0f172a"}>
                  {truncate(n.title, 34)}
                </text>
                <text x={n.x + 10} y={n.y + (n.viaKeyResult ? 50 : 36)} fontSize={11} fill="#475569">
                  {truncate(`${n.team ?? (n.level === "personal" ? "Personal" : "Company")} · ${n.owner}`, 40)}
                </text>
                <rect x={n.x + 10} y={n.y + (n.viaKeyResult ? 56 : 42)} width={n.width - 60} height={6} rx={3} fill="#e2e8f0" />
                <rect x={n.x + 10} y={n.y + (n.viaKeyResult ? 56 : 42)} width={((n.width - 60) * Math.min(100, n.progress)) / 100} height={6} rx={3} fill={barColour(n.progress)} />
                <text x={n.x + n.width - 44} y={n.y + (n.viaKeyResult ? 62 : 48)} fontSize={11} fill="#0f172a">
                  {Math.round(n.progress)}%
                </text>
                {n.keyResults.slice(0, MAX_KRS_SHOWN).map((kr, i) => (
                  <g key={i}>
                    <circle cx={n.x + 14} cy={n.y + (n.viaKeyResult ? 78 : 64) + i * 18} r={4} fill={kr.confidence ? CONFIDENCE_FILL[kr.confidence] : "#cbd5e1"} />
                    <text x={n.x + 24} y={n.y + (n.viaKeyResult ? 82 : 68) + i * 18} fontSize={11} fill="#334155">
                      {truncate(kr.title, 32)} · {Math.round(kr.progress)}%
                    </text>
                  </g>
                ))}
                {n.keyResults.length > MAX_KRS_SHOWN ? (
                  <text x={n.x + 24} y={n.y + (n.viaKeyResult ? 82 : 68) + MAX_KRS_SHOWN * 18} fontSize={11} fill="#475569">
                    +{n.keyResults.length - MAX_KRS_SHOWN} more key results
                  </text>
                ) : null}
              </a>
            ))}
          </g>
        </svg>
      </div>
    </div>
  );
}
