import type { ReactNode } from "react";

export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm">
        <p className="mb-8 text-center text-2xl font-semibold tracking-tight text-slate-900">
          <span aria-hidden className="mr-1 text-brand-600">⚓</span>Keel
        </p>
        {children}
      </div>
    </main>
  );
}
