"use client";

import * as DialogPrimitive from "@radix-ui/react-dialog";
import type { ComponentProps } from "react";
import { cx } from "./cx";

export const Dialog = DialogPrimitive.Root;
export const DialogTrigger = DialogPrimitive.Trigger;
export const DialogClose = DialogPrimitive.Close;

export const overlayClass = "fixed inset-0 z-50 bg-slate-900/50";
export const dialogPanelClass =
  "fixed left-1/2 top-1/2 z-50 w-[calc(100vw-2rem)] max-w-lg -translate-x-1/2 -translate-y-1/2 rounded-xl bg-white p-6 shadow-xl ring-1 ring-slate-200 focus:outline-none";

/** A modal panel: focus moves in and is held there, Escape or the close button leave, focus returns to the trigger. */
export function DialogContent({ className, children, ...props }: ComponentProps<typeof DialogPrimitive.Content>) {
  return (
    <DialogPrimitive.Portal>
      <DialogPrimitive.Overlay className={overlayClass} />
      <DialogPrimitive.Content {...props} className={cx(dialogPanelClass, className)}>
        {children}
        <DialogPrimitive.Close className="absolute right-3 top-3 rounded-md px-2 py-1 text-slate-600 hover:bg-slate-100" aria-label="Close">
          <span aria-hidden>×</span>
        </DialogPrimitive.Close>
      </DialogPrimitive.Content>
    </DialogPrimitive.Portal>
  );
}

export function DialogTitle({ className, ...props }: ComponentProps<typeof DialogPrimitive.Title>) {
  return <DialogPrimitive.Title {...props} className={cx("pr-8 text-lg font-semibold text-slate-900", className)} />;
}

export function DialogDescription({ className, ...props }: ComponentProps<typeof DialogPrimitive.Description>) {
  return <DialogPrimitive.Description {...props} className={cx("mt-2 text-sm text-slate-700", className)} />;
}

export function DialogFooter({ className, ...props }: ComponentProps<"div">) {
  return <div {...props} className={cx("mt-6 flex flex-wrap justify-end gap-2", className)} />;
}
