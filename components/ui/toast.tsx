"use client";

import { useEffect, useRef, type ReactNode } from "react";
import { Toaster, toast as sonner } from "sonner";

type Tone = "success" | "error";

/**
 * Short confirmations after a change, announced politely to screen readers and gone after a few seconds. They sit
 * at the top right, below the header, so they never cover a form's primary action or the header's menus.
 */
export function ToastProvider({ children }: { children: ReactNode }) {
  return (
    <>
      {children}
      <Toaster
        position="top-right"
        offset={{ top: 64, right: 16 }}
        duration={5000}
        visibleToasts={3}
        closeButton
        containerAriaLabel="Notifications"
        toastOptions={{
          closeButtonAriaLabel: "Dismiss notification",
          classNames: {
            toast: "!rounded-lg !px-4 !py-3 !text-sm !shadow-lg !ring-1 !border-0",
            success: "!bg-slate-900 !text-white !ring-slate-900",
            error: "!bg-red-50 !text-red-900 !ring-red-200",
            closeButton: "!bg-white !text-slate-900 !border-slate-300",
          },
        }}
      />
    </>
  );
}

function showToast(message: string, tone: Tone = "success") {
  const options = { testId: "toast" };
  if (tone === "error") sonner.error(message, options);
  else sonner.success(message, options);
}

export function useToast(): (message: string, tone?: Tone) => void {
  return showToast;
}

interface Settled {
  status: string;
  at?: number;
  message?: string | null;
}

/** Shows a toast once per settled action result (its `at` tells results apart). */
export function useActionToast(state: Settled, options: { errors?: boolean } = {}) {
  const shown = useRef<number | undefined>(undefined);
  useEffect(() => {
    if (!state.at || shown.current === state.at) return;
    shown.current = state.at;
    if (state.status === "success" && state.message) showToast(state.message);
    if (state.status === "error" && options.errors && state.message) showToast(state.message, "error");
  }, [state, options.errors]);
}
