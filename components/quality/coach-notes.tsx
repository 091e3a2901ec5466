import type { QualityFlag } from "@/lib/quality/rules";

/**
 * The coach's suggestions for one field or section: a quiet list that never blocks saving. The live region is there
 * even when empty, so a suggestion that appears while someone types is announced once, politely.
 */
export function CoachNotes({ id, flags, className = "" }: { id: string; flags: readonly QualityFlag[]; className?: string }) {
  return (
    <div id={id} role="status" aria-live="polite" data-testid="coach-notes" className={className}>
      {flags.length ? (
        <ul className="space-y-0.5 text-xs text-sky-900">
          {flags.map((flag) => (
            <li key={`${flag.ruleId}-${flag.keyResultIndex ?? ""}`}>
              <span className="font-semibold">Coach:</span> {flag.suggestion}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
