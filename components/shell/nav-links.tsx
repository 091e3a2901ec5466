"use client";

import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";

export interface NavItem {
  href: string;
  label: string;
}

/** Keeps the chosen cycle when moving between pages, and marks the current page for screen readers. */
export function NavLinks({ items }: { items: NavItem[] }) {
  const pathname = usePathname();
  const cycle = useSearchParams().get("cycle");
  return (
    <ul className="flex flex-wrap items-center gap-1">
      {items.map((item) => {
        const isCurrent = item.href === "/" ? pathname === "/" : pathname.startsWith(item.href);
        const href = cycle ? `${item.href}?cycle=${cycle}` : item.href;
        return (
          <li key={item.href}>
            <Link
              href={href}
              // Prefetching every page of the menu on each page view competes with the page's own requests; a
              // dynamic page gains little from it.
              prefetch={false}
              aria-current={isCurrent ? "page" : undefined}
              className={`rounded-md px-2.5 py-1.5 text-sm font-medium ${isCurrent ? "bg-brand-50 text-brand-800" : "text-slate-700 hover:bg-slate-100 hover:text-slate-900"}`}
            >
              {item.label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
