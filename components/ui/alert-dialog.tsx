"use client";

import * as AlertDialogPrimitive from "@radix-ui/react-alert-dialog";
import type { ComponentProps } from "react";
import { buttonClass, type ButtonVariant } from "./button";
import { cx } from "./cx";
import { dialogPanelClass, overlayClass } from "./dialog";

export const AlertDialog = AlertDialogPrimitive.Root;
export const AlertDialogTrigger = AlertDialogPrimitive.Trigger;

/**
 * A confirmation that cannot be dismissed by clicking outside: the person answers with the action or Cancel
 * (Escape also cancels). Focus starts on Cancel, the safe choice, and returns to the trigger afterwards.
 */
export function AlertDialogContent({ className, ...props }: ComponentProps<typeof AlertDialogPrimitive.Content>) {
  return (
    <AlertDialogPrimitive.Portal>
      <AlertDialogPrimitive.Overlay className={overlayClass} />
      <AlertDialogPrimitive.Content {...props} className={cx(dialogPanelClass, className)} />
    </AlertDialogPrimitive.Portal>
  );
}

export function AlertDialogTitle({ className, ...props }: ComponentProps<typeof AlertDialogPrimitive.Title>) {
  return <AlertDialogPrimitive.Title {...props} className={cx("text-lg font-semibold text-slate-900", className)} />;
}

export function AlertDialogDescription({ className, ...props }: ComponentProps<typeof AlertDialogPrimitive.Description>) {
  return <AlertDialogPrimitive.Description {...props} className={cx("mt-2 space-y-2 text-sm text-slate-700", className)} />;
}

export function AlertDialogFooter({ className, ...props }: ComponentProps<"div">) {
  return <div {...props} className={cx("mt-6 flex flex-wrap justify-end gap-2", className)} />;
}

export function AlertDialogCancel({ className, ...props }: ComponentProps<typeof AlertDialogPrimitive.Cancel>) {
  return <AlertDialogPrimitive.Cancel {...props} className={cx(buttonClass("secondary"), className)} />;
}

export function AlertDialogAction({ className, variant = "danger", ...props }: ComponentProps<typeof AlertDialogPrimitive.Action> & { variant?: ButtonVariant }) {
  return <AlertDialogPrimitive.Action {...props} className={cx(buttonClass(variant), className)} />;
}
