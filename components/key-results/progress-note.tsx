import type { ProgressNote } from "@/lib/progress/describe";

/**
 * What a key result's progress bar cannot show (over-achievement, a threshold's margin). The words carry the
 * meaning; the colour only repeats it.
 */
export function ProgressNoteText({ note }: { note: ProgressNote }) {
  return (
    <span data-testid="progress-note" className={`font-medium ${note.isMet ? "text-emerald-800" : "text-red-800"}`}>
      {note.text}
    </span>
  );
}
