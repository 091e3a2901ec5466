"use client";

import { buttonClass } from "@/components/ui/button";

/** The printable review is this page: print styles drop the navigation and controls. */
export function PrintButton() {
  return (
    <button type="button" onClick={() => window.print()} className={buttonClass("secondary", "sm")}>
      Print
    </button>
  );
}
