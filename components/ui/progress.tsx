import { Badge, type BadgeTone } from "./badge";
import type { Confidence } from "@/lib/generated/prisma/enums";

export type ConfidenceValue = Confidence;

export const CONFIDENCE_LABEL: Record<ConfidenceValue, string> = {
  on_track: "On track",
  at_risk: "At risk",
  off_track: "Off track",
};

const CONFIDENCE_TONE: Record<ConfidenceValue, BadgeTone> = { on_track: "success", at_risk: "warning", off_track: "danger" };

const CONFIDENCE_DOT: Record<ConfidenceValue, string> = {
  on_track: "bg-emerald-600",
  at_risk: "bg-amber-500",
  off_track: "bg-red-600",
};

export function ConfidenceBadge({ confidence }: { confidence: ConfidenceValue | null | undefined }) {
  if (!confidence) return <span className="text-xs text-slate-600">No check-in yet</span>;
  return (
    <Badge tone={CONFIDENCE_TONE[confidence]}>
      <span aria-hidden className={`size-1.5 rounded-full ${CONFIDENCE_DOT[confidence]}`} />
      {CONFIDENCE_LABEL[confidence]}
    </Badge>
  );
}

/** Percent 0-100 as text: whole numbers unless close to a boundary would round misleadingly. */
export function formatPercent(value: number | string): string {
  const n = Number(value);
  if (n > 0 && n < 1) return "<1%";
  if (n > 99 && n < 100) return "99%";
  return `${Math.round(n)}%`;
}

export function ProgressBar({ value, label, size = "md" }: { value: number | string; label: string; size?: "sm" | "md" }) {
  const n = Math.max(0, Math.min(100, Number(value)));
  const colour = n >= 70 ? "bg-emerald-600" : n >= 40 ? "bg-brand-600" : "bg-amber-500";
  return (
    <div className="flex items-center gap-2">
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(n)}
        className={`w-full overflow-hidden rounded-full bg-slate-200 ${size === "sm" ? "h-1.5" : "h-2"}`}
      >
        <div className={`h-full rounded-full ${colour}`} style={{ width: `${n}%` }} />
      </div>
      <span className="w-10 shrink-0 text-right text-sm tabular-nums text-slate-700">{formatPercent(n)}</span>
    </div>
  );
}
