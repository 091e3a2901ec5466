import Link from "next/link";
import type { ReactNode } from "react";

/** A settings sub-page's top: the way back, its title and what it is for. */
export function SettingsPageHeader({ back = { href: "/settings/organization", label: "Organisation settings" }, title, children }: { back?: { href: string; label: string }; title: ReactNode; children?: ReactNode }) {
  return (
    <div>
      <p className="text-sm">
        <Link href={back.href} className="font-medium text-brand-700 underline-offset-2 hover:underline">
          ← {back.label}
        </Link>
      </p>
      <h1 className="mt-1 break-words text-xl font-semibold">{title}</h1>
      {children ? <div className="mt-1 text-sm text-slate-700">{children}</div> : null}
    </div>
  );
}
