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

export function TableHeader({ className, ...props }: ThHTMLAttributes<HTMLTableCellElement>) {
  return <th scope="col" {...props} className={cx("px-3 py-2 font-semibold", className)} />;
}

export function TableCell({ className, ...props }: TdHTMLAttributes<HTMLTableCellElement>) {
  return <td {...props} className={cx("px-3 py-2 align-top", className)} />;
}
