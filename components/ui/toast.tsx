"use client";

import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from "react";

interface Toast {
  id: number;
  message: string;
  tone: "success" | "error";
}

const ToastContext = createContext<(message: string, tone?: Toast["tone"]) => void>(() => undefined);

/** Short confirmations after a change, announced politely to screen readers and gone after a few seconds. */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const next = useRef(1);
  const push = useCallback((message: string, tone: Toast["tone"] = "success") => {
    const id = next.current++;
    setToasts((current) => [...current.slice(-2), { id, message, tone }]);
    window.setTimeout(() => setToasts((current) => current.filter((t) => t.id !== id)), 5000);
  }, []);
  return (
    <ToastContext.Provider value={push}>
      {children}
      <div aria-live="polite" role="status" className="pointer-events-none fixed bottom-4 right-4 z-50 flex w-80 flex-col gap-2">
        {toasts.map((t) => (
          <div
            key={t.id}
            data-testid="toast"
            className={`pointer-events-auto rounded-lg px-4 py-3 text-sm shadow-lg ring-1 ${t.tone === "success" ? "bg-slate-900 text-white ring-slate-900" : "bg-red-50 text-red-900 ring-red-200"}`}
          >
            {t.message}
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}

export function useToast() {
  return useContext(ToastContext);
}

interface Settled {
  status: string;
  at?: number;
  message?: string | null;
}

/** Shows a toast once per settled action result (its `at` tells results apart). */
export function useActionToast(state: Settled, options: { errors?: boolean } = {}) {
  const toast = useToast();
  const shown = useRef<number | undefined>(undefined);
  useEffect(() => {
    if (!state.at || shown.current === state.at) return;
    shown.current = state.at;
    if (state.status === "success" && state.message) toast(state.message);
    if (state.status === "error" && options.errors && state.message) toast(state.message, "error");
  }, [state, toast, options.errors]);
}
