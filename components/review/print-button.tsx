"use client";

/** The printable review is this page: print styles drop the navigation and controls. */
export function PrintButton() {
  return (
    <button type="button" onClick={() => window.print()} className="rounded-md px-2.5 py-1.5 text-sm font-medium ring-1 ring-slate-300 hover:bg-slate-50">
      Print
    </button>
  );
}
