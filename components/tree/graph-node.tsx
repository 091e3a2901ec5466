"use client";

import { Handle, Position, type Node, type NodeProps } from "@xyflow/react";
import Link from "next/link";
import { createContext, useContext } from "react";
import type { GraphKeyResult, GraphObjective } from "@/lib/tree/graph-model";
import type { ConfidenceName } from "@/lib/tree/payload";

// Every piece of text on a card is at least 16 px (GRAPH_TEXT in lib/tree/graph-model), which is what lets "fit to
// screen" zoom out to 0.75 and still render text at 12 px or more.

export const CONFIDENCE_TEXT: Record<ConfidenceName, string> = { on_track: "On track", at_risk: "At risk", off_track: "Off track" };
const CONFIDENCE_CHIP: Record<ConfidenceName, string> = {
  on_track: "bg-emerald-50 text-emerald-900 ring-emerald-700/40",
  at_risk: "bg-amber-50 text-amber-950 ring-amber-700/50",
  off_track: "bg-red-50 text-red-900 ring-red-700/40",
};
const CONFIDENCE_DOT: Record<ConfidenceName, string> = { on_track: "bg-emerald-600", at_risk: "bg-amber-500", off_track: "bg-red-600" };

export function formatGraphPercent(value: number): string {
  return `${Math.round(Math.max(0, Math.min(100, value)))}%`;
}

/** What a card's toggle does; given by the graph so the nodes stay plain. */
export const GraphToggleContext = createContext<(id: string) => void>(() => {});

export type ObjectiveNodeData = { objective: GraphObjective; beneath: number; hasChildren: boolean; isExpanded: boolean };
export type KeyResultNodeData = { keyResult: GraphKeyResult };
export type ObjectiveNode = Node<ObjectiveNodeData, "objective">;
export type KeyResultNode = Node<KeyResultNodeData, "keyResult">;

const HIDDEN_HANDLE = "!pointer-events-none !border-0 !bg-transparent";

function Bar({ value, muted }: { value: number; muted?: boolean }) {
  const n = Math.max(0, Math.min(100, value));
  const colour = muted ? "bg-slate-400" : n >= 70 ? "bg-emerald-600" : n >= 40 ? "bg-brand-600" : "bg-amber-500";
  return (
    <div className="flex items-center gap-2">
      <div aria-hidden className="h-2.5 w-full overflow-hidden rounded-full bg-slate-200">
        <div className={`h-full rounded-full ${colour}`} style={{ width: `${n}%` }} />
      </div>
      <span className="w-12 shrink-0 text-right text-base tabular-nums text-slate-800">{formatGraphPercent(n)}</span>
    </div>
  );
}

export function ObjectiveCard({ id, data }: NodeProps<ObjectiveNode>) {
  const toggle = useContext(GraphToggleContext);
  const o = data.objective;
  const isAbandoned = o.state === "abandoned";
  const home = o.team ?? (o.level === "company" ? "Company" : "Personal");
  return (
    <div
      className={`w-[320px] rounded-xl p-4 text-left shadow-sm ring-1 ${isAbandoned ? "border-2 border-dashed border-slate-400 bg-slate-100" : "bg-white ring-slate-300"}`}
      data-state={o.state}
    >
      <Handle type="target" position={Position.Top} isConnectable={false} className={HIDDEN_HANDLE} />
      <div className="flex items-start justify-between gap-2">
        <span className="text-base text-slate-700">{home}</span>
        {isAbandoned ? (
          <span className="rounded-full bg-slate-200 px-2 text-base text-slate-800">Abandoned</span>
        ) : o.confidence ? (
          <span className={`inline-flex shrink-0 items-center gap-1.5 rounded-full px-2 text-base font-medium ring-1 ring-inset ${CONFIDENCE_CHIP[o.confidence]}`}>
            <span aria-hidden className={`size-2 rounded-full ${CONFIDENCE_DOT[o.confidence]}`} />
            {CONFIDENCE_TEXT[o.confidence]}
          </span>
        ) : null}
      </div>
      {/* The card itself takes the keyboard (Enter opens); the link is for the mouse, so it stays out of the Tab order. */}
      <Link
        href={`/objectives/${o.id}`}
        tabIndex={-1}
        className={`nodrag mt-1 block text-xl leading-7 font-semibold [overflow-wrap:anywhere] hover:underline ${isAbandoned ? "text-slate-600 line-through" : "text-slate-900"}`}
      >
        {o.title}
      </Link>
      <p className="mt-1 text-base text-slate-700">{o.owner}</p>
      <div className="mt-2">
        <Bar value={o.progress} muted={isAbandoned} />
      </div>
      {data.hasChildren ? (
        <button
          type="button"
          tabIndex={-1}
          aria-expanded={data.isExpanded}
          onClick={() => toggle(id)}
          className="nodrag nopan mt-2 rounded-md px-2 py-0.5 text-base text-brand-700 ring-1 ring-slate-300 hover:bg-brand-50"
        >
          {data.isExpanded ? "Hide what is aligned beneath" : `Show ${data.beneath} aligned beneath`}
        </button>
      ) : null}
      <Handle type="source" position={Position.Bottom} isConnectable={false} className={HIDDEN_HANDLE} />
    </div>
  );
}

export function KeyResultCard({ data }: NodeProps<KeyResultNode>) {
  const k = data.keyResult;
  return (
    <div className="w-[260px] rounded-lg bg-brand-50 px-3 py-2 text-left ring-1 ring-brand-600/40">
      <Handle type="target" position={Position.Top} isConnectable={false} className={HIDDEN_HANDLE} />
      <p className="text-base font-medium text-brand-800">Key result</p>
      <p className="text-base leading-6 text-slate-900 [overflow-wrap:anywhere]">{k.title}</p>
      <Bar value={k.progress} />
      <Handle type="source" position={Position.Bottom} isConnectable={false} className={HIDDEN_HANDLE} />
    </div>
  );
}

export const GRAPH_NODE_TYPES = { objective: ObjectiveCard, keyResult: KeyResultCard };
