import type { ComponentProps, HTMLAttributes } from "react";
import { cx } from "./cx";

/** The white, ringed panel every page groups its content in. `padded={false}` for lists and tables that reach the edges. */
export function Card({ padded = true, className, ...props }: ComponentProps<"div"> & { padded?: boolean }) {
  return <div {...props} className={cx("rounded-xl bg-white shadow-xs ring-1 ring-slate-200", padded && "p-5", className)} />;
}

/** A card that is a section with its own heading (pass `aria-labelledby` to name it). */
export function CardSection({ padded = true, className, ...props }: ComponentProps<"section"> & { padded?: boolean }) {
  return <section {...props} className={cx("rounded-xl bg-white shadow-xs ring-1 ring-slate-200", padded && "p-5", className)} />;
}

export function CardTitle({ className, ...props }: HTMLAttributes<HTMLHeadingElement>) {
  return <h2 {...props} className={cx("text-base font-semibold text-slate-900", className)} />;
}

/** The class string of a card, for the few places that must be another element (a list, a details). */
export const cardClass = "rounded-xl bg-white shadow-xs ring-1 ring-slate-200";
