import type { HTMLAttributes } from "react";
import { cx } from "./cx";

export type BadgeTone = "neutral" | "brand" | "success" | "warning" | "danger" | "info";

const TONES: Record<BadgeTone, string> = {
  neutral: "bg-slate-100 text-slate-800 ring-slate-500/30",
  brand: "bg-brand-50 text-brand-800 ring-brand-600/30",
  success: "bg-emerald-50 text-emerald-900 ring-emerald-600/30",
  warning: "bg-amber-50 text-amber-900 ring-amber-600/40",
  danger: "bg-red-50 text-red-800 ring-red-600/30",
  info: "bg-sky-50 text-sky-900 ring-sky-600/30",
};

/** A small pill for a state, a confidence or a count; its text carries the meaning, the colour only repeats it. */
export function Badge({ tone = "neutral", className, ...props }: HTMLAttributes<HTMLSpanElement> & { tone?: BadgeTone }) {
  return <span {...props} className={cx("inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset", TONES[tone], className)} />;
}

export const CYCLE_STATE_TONE = { planning: "info", active: "success", closed: "neutral" } as const satisfies Record<string, BadgeTone>;
