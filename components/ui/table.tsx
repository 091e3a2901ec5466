import type { HTMLAttributes, TdHTMLAttributes, ThHTMLAttributes } from "react";
import { cx } from "./cx";

/**
 * A data table that scrolls inside its own box instead of widening the page. Header cells keep their padding so
 * neighbouring column names never run together.
 */
export function Table({ className, wrapperClassName, ...props }: HTMLAttributes<HTMLTableElement> & { wrapperClassName?: string }) {
  return (
    <div className={cx("max-w-full overflow-x-auto", wrapperClassName)}>
      <table {...props} className={cx("w-full border-collapse text-left text-sm", className)} />
    </div>
  );
}

export function TableHead({ className, ...props }: HTMLAttributes<HTMLTableSectionElement>) {
  return <thead {...props} className={cx("border-b border-slate-200 text-xs font-semibold uppercase tracking-wide text-slate-600", className)} />;
}

export function TableBody({ className, ...props }: HTMLAttributes<HTMLTableSectionElement>) {
  return <tbody {...props} className={cx("divide-y divide-slate-100", className)} />;
}

export function TableRow(props: HTMLAttributes<HTMLTableRowElement>) {
  return <tr {...props} />;
}

/** Cell padding: "roomy" for tables that fill a card edge to edge, "normal" inside a padded card. */
type Padding = "normal" | "roomy";
const PADDING: Record<Padding, string> = { normal: "px-3 py-2", roomy: "px-4 py-3" };

export function TableHeader({ className, pad = "normal", ...props }: ThHTMLAttributes<HTMLTableCellElement> & { pad?: Padding }) {
  return <th scope="col" {...props} className={cx(pad === "roomy" ? "px-4 py-2" : PADDING.normal, "font-semibold", className)} />;
}

/** A header cell at the start of a body row, naming the row for screen readers. */
export function TableRowHeader({ className, pad = "normal", ...props }: ThHTMLAttributes<HTMLTableCellElement> & { pad?: Padding }) {
  return <th scope="row" {...props} className={cx(PADDING[pad], "text-left align-top font-normal", className)} />;
}

export function TableCell({ className, pad = "normal", ...props }: TdHTMLAttributes<HTMLTableCellElement> & { pad?: Padding }) {
  return <td {...props} className={cx(PADDING[pad], "align-top", className)} />;
}
