"use client";

import { useRef, type ReactNode } from "react";
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogTitle,
  AlertDialogTrigger,
} from "./alert-dialog";
import { buttonClass, type ButtonVariant } from "./button";

export interface Confirmation {
  /** A question naming the thing: "Revoke “CI deploys”?" */
  title: string;
  /** What will happen, in plain words; warnings go here too. */
  description?: ReactNode;
  /** The verb on the confirming button ("Revoke token"); the trigger's label when omitted. */
  confirmLabel?: string;
  /** "primary" for a weighty but not destructive step (activating a cycle). */
  tone?: "danger" | "primary";
}

interface Props {
  confirmation: Confirmation;
  children: ReactNode;
  variant?: ButtonVariant;
  size?: "sm" | "md";
  disabled?: boolean;
  className?: string;
  "aria-label"?: string;
  "aria-describedby"?: string;
  /** Sent with the form like a submit button's own name and value. */
  name?: string;
  value?: string;
}

/**
 * A submit button that first asks: it opens an AlertDialog and submits its form only when the person confirms.
 * The form is submitted through a hidden submit button, so the action sees this button's name and value as if it
 * had been pressed. Without script nothing is submitted, which is the safe failure for an irreversible step.
 */
export function ConfirmSubmit({ confirmation, children, variant = "secondary", size = "md", disabled, className = "", name, value, ...aria }: Props) {
  const submitter = useRef<HTMLButtonElement>(null);
  return (
    <>
      <button ref={submitter} type="submit" name={name} value={value} hidden tabIndex={-1} aria-hidden />
      <AlertDialog>
        <AlertDialogTrigger
          type="button"
          disabled={disabled}
          className={`${buttonClass(variant, size)} ${className}`}
          // Asking "are you sure?" about a form that cannot be sent wastes the answer: the browser names the missing
          // field first, and the dialog opens once the form is complete.
          onClick={(event) => {
            const form = event.currentTarget.form;
            if (form && !form.checkValidity()) {
              event.preventDefault();
              form.reportValidity();
            }
          }}
          {...aria}
        >
          {children}
        </AlertDialogTrigger>
        <AlertDialogContent {...(confirmation.description ? {} : { "aria-describedby": undefined })}>
          <AlertDialogTitle>{confirmation.title}</AlertDialogTitle>
          {confirmation.description ? (
            <AlertDialogDescription asChild>
              <div>{confirmation.description}</div>
            </AlertDialogDescription>
          ) : null}
          <AlertDialogFooter>
            <AlertDialogCancel>Cancel</AlertDialogCancel>
            <AlertDialogAction
              variant={confirmation.tone ?? "danger"}
              onClick={() => {
                const button = submitter.current;
                button?.form?.requestSubmit(button);
              }}
            >
              {confirmation.confirmLabel ?? children}
            </AlertDialogAction>
          </AlertDialogFooter>
        </AlertDialogContent>
      </AlertDialog>
    </>
  );
}
