/** Joins class names, skipping the false and empty ones a condition leaves behind. */
export function cx(...classes: (string | false | null | undefined)[]): string {
  return classes.filter(Boolean).join(" ");
}
