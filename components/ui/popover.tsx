"use client";

import * as PopoverPrimitive from "@radix-ui/react-popover";
import type { ComponentProps } from "react";
import { cx } from "./cx";

export const Popover = PopoverPrimitive.Root;
export const PopoverTrigger = PopoverPrimitive.Trigger;
export const PopoverAnchor = PopoverPrimitive.Anchor;
export const PopoverClose = PopoverPrimitive.Close;

/** A floating panel placed beside its trigger or anchor, kept inside the window, closed by Escape or a click outside. */
export function PopoverContent({ className, align = "start", sideOffset = 4, ...props }: ComponentProps<typeof PopoverPrimitive.Content>) {
  return (
    <PopoverPrimitive.Portal>
      <PopoverPrimitive.Content
        align={align}
        sideOffset={sideOffset}
        {...props}
        className={cx("z-50 rounded-md bg-white p-2 text-sm shadow-lg ring-1 ring-slate-200 focus:outline-none", className)}
      />
    </PopoverPrimitive.Portal>
  );
}
