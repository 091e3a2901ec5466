import { AppError, type FieldErrors } from "@/lib/errors";
import type { ImportProblem } from "./validate";

/** Where a problem is, in the words the preview uses: "Row 7, Target", "Row 7", "Target" or "File". */
export function problemPlace(problem: ImportProblem): string {
  if (problem.row !== null && problem.column) return `Row ${problem.row}, ${problem.column}`;
  if (problem.row !== null) return `Row ${problem.row}`;
  return problem.column ?? "File";
}

/** The file's problems as one refusal: nothing was written, and each problem is a field error named by its place. */
export function problemsError(problems: readonly ImportProblem[]): AppError {
  const fieldErrors: FieldErrors = {};
  for (const p of problems) (fieldErrors[problemPlace(p)] ??= []).push(p.message);
  const count = problems.length === 1 ? "1 problem" : `${problems.length.toLocaleString("en")} problems`;
  return new AppError("validation", `The file has ${count}; nothing was imported. Fix them and try again.`, fieldErrors);
}
