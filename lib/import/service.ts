import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { autoMap, type Mapping } from "./mapping";
import { parseSpreadsheet, type Sheet } from "./parse";
import { assertMayImport, previewImport, runImport } from "./run";
import { decodeBase64, type ImportAnswer } from "./schemas";
import type { ImportPreview, ImportProblem, PreviewObjective } from "./validate";

export interface ImportSheetRequest {
  cycleId: string;
  sheet: Sheet;
  /** Omitted: columns are matched by their headers. */
  mapping?: Mapping;
  dryRun: boolean;
}

export type ImportSheetResult = ImportAnswer & { problems: ImportProblem[] };

/**
 * The whole import as the page and the API see it: the mapping (given, or matched from the headers), then a preview
 * or the import itself. A file with problems answers its problems and writes nothing, whether or not it was a dry run.
 */
export async function importSheet(actor: Actor, request: ImportSheetRequest): Promise<ImportSheetResult> {
  assertMayImport(actor);
  const mapping = request.mapping ?? autoMap(request.sheet.headers);
  const base = { cycleId: request.cycleId, headers: request.sheet.headers, mapping };
  if (request.dryRun) {
    const preview = await previewImport(actor, { cycleId: request.cycleId, sheet: request.sheet, mapping });
    return answer(base, preview, true, null);
  }
  const outcome = await runImport(actor, { cycleId: request.cycleId, sheet: request.sheet, mapping });
  return answer(base, outcome.preview, false, outcome.status === "imported" ? { objectiveIds: outcome.objectiveIds, keyResultIds: outcome.keyResultIds } : null);
}

function answer(
  base: { cycleId: string; headers: string[]; mapping: Mapping },
  preview: ImportPreview,
  dryRun: boolean,
  created: { objectiveIds: string[]; keyResultIds: string[] } | null,
): ImportSheetResult {
  return {
    ...base,
    dryRun,
    shape: preview.shape,
    objectiveCount: preview.objectives.length,
    keyResultCount: preview.keyResultCount,
    objectives: preview.objectives.map((o) => serializeObjective(o, preview.objectives)),
    problems: preview.problems,
    created,
  };
}

function serializeObjective(o: PreviewObjective, all: readonly PreviewObjective[]) {
  return {
    row: o.row,
    title: o.title,
    level: o.level,
    teamId: o.teamId,
    teamName: o.teamName,
    ownerId: o.ownerId,
    ownerEmail: o.ownerEmail,
    parentTitle: o.parent ? (o.parent.kind === "file" ? (all[o.parent.index]?.title ?? null) : o.parent.title) : null,
    keyResults: o.keyResults.map((k) => ({
      row: k.row,
      title: k.title,
      ownerId: k.ownerId,
      ownerEmail: k.ownerEmail,
      type: k.type,
      direction: k.direction,
      startValue: k.startValue,
      targetValue: k.targetValue,
      currentValue: k.currentValue,
      unit: k.unit,
    })),
  };
}

/** The most the page lists: enough to check a file by eye, without sending ten thousand rows to a browser. */
export const PAGE_OBJECTIVES = 100;
export const PAGE_PROBLEMS = 500;

export type PageImportResult = ImportSheetResult & { problemCount: number };

/** The answer trimmed for the page, which says how many more there are. */
export function forPage(result: ImportSheetResult): PageImportResult {
  return { ...result, objectives: result.objectives.slice(0, PAGE_OBJECTIVES), problems: result.problems.slice(0, PAGE_PROBLEMS), problemCount: result.problems.length };
}

/** The uploaded file from the page: its bytes, whichever format they are in. */
export async function readUpload(content: string): Promise<Sheet> {
  return parseSpreadsheet(decodeBase64(content, "file"));
}
