import type { ObjectiveLevel, ObjectiveState, Role } from "@/lib/generated/prisma/enums";
import { unsafeTextProblem } from "@/lib/http/schemas";
import { KeyResultDraftSchema } from "@/lib/key-results/schemas";
import { dec } from "@/lib/progress";
import { CreateObjectiveSchema } from "@/lib/objectives/schemas";
import { FIELD_INFO, mappingProblems, type ImportField, type Mapping } from "./mapping";
import { parseImportNumber, type UnitSign } from "./numbers";
import { MAX_ROWS } from "./limits";
import type { Sheet, SheetRow } from "./parse";

/** What validation needs to know about the organisation and the cycle the file goes into. */
export interface ImportContext {
  cycleId: string;
  cycleName: string;
  /** Who imports: owns the objectives whose owner cell is empty. Null when they cannot own goals (an organisation token). */
  importer: { userId: string; email: string } | null;
  /** Members by lower-cased email. */
  members: ReadonlyMap<string, { userId: string; role: Role }>;
  /** Teams by lower-cased name; two teams may share a name. */
  teams: ReadonlyMap<string, readonly { id: string; name: string; isArchived: boolean }[]>;
  /** The cycle's objectives by lower-cased title. */
  objectives: ReadonlyMap<string, readonly { id: string; title: string; state: ObjectiveState }[]>;
}

/** One thing wrong with the file, where a person finds it: `row` as the spreadsheet numbers it, `column` by its header. */
export interface ImportProblem {
  row: number | null;
  column: string | null;
  message: string;
}

export type ImportKeyResultType = "number" | "percent" | "currency";

export interface PreviewKeyResult {
  row: number;
  title: string;
  ownerId: string | null;
  ownerEmail: string;
  type: ImportKeyResultType;
  direction: "increase" | "decrease";
  startValue: string;
  targetValue: string;
  currentValue: string;
  unit: string;
}

export type PreviewParent = { kind: "file"; index: number; title: string } | { kind: "cycle"; id: string; title: string } | null;

export interface PreviewObjective {
  /** Its place in `objectives`, by which other objectives of the file name it as their parent. */
  index: number;
  row: number;
  title: string;
  whyItMatters: string;
  level: ObjectiveLevel;
  teamId: string | null;
  teamName: string | null;
  ownerId: string | null;
  ownerEmail: string;
  parent: PreviewParent;
  keyResults: PreviewKeyResult[];
}

export type ImportShape = "key-result-rows" | "typed-rows";

export interface ImportPreview {
  /** "key-result-rows": one row per key result, the objective repeated (Keel, Quantive); "typed-rows": a Type column says which each row is (Viva Goals). */
  shape: ImportShape;
  objectives: PreviewObjective[];
  keyResultCount: number;
  problems: ImportProblem[];
}

type Cells = Partial<Record<ImportField, string>>;

interface ObjectiveDraft {
  row: number;
  /** Each objective-level value with the row it came from: rows of one objective must agree. */
  values: Partial<Record<ImportField, { value: string; row: number }>>;
  keyResults: KeyResultDraft[];
}

interface KeyResultDraft {
  row: number;
  cells: Cells;
  /** Which column the title came from: a typed-rows file may keep every title in one column. */
  titleField: ImportField;
}

const OBJECTIVE_FIELDS = ["objective", "why", "owner", "team", "level", "parent"] as const satisfies readonly ImportField[];
const KEY_RESULT_FIELDS = ["keyResult", "keyResultOwner", "start", "target", "current", "unit"] as const satisfies readonly ImportField[];

const LEVELS: Record<string, ObjectiveLevel> = {
  company: "company",
  organisation: "company",
  organization: "company",
  team: "team",
  department: "team",
  personal: "personal",
  individual: "personal",
};
const ROW_TYPES: Record<string, "objective" | "keyResult"> = {
  objective: "objective",
  goal: "objective",
  o: "objective",
  keyresult: "keyResult",
  kr: "keyResult",
};
const CURRENCY_UNITS = new Set(["€", "$", "£", "¥", "eur", "usd", "gbp", "jpy", "chf", "cad", "aud"]);
const key = (text: string) => text.trim().toLowerCase();

/**
 * Reads every row against the mapping and the organisation, and lists every problem at once (row, column, reason):
 * fixing a file one refusal at a time is what makes imports miserable. The preview is what would be created; it is
 * only importable when `problems` is empty.
 */
export function validateImport(sheet: Sheet, mapping: Mapping, context: ImportContext): ImportPreview {
  const shape: ImportShape = mapping.rowType === null ? "key-result-rows" : "typed-rows";
  const empty = { shape, objectives: [], keyResultCount: 0 };
  if (sheet.rows.length > MAX_ROWS) {
    return { ...empty, problems: [{ row: null, column: null, message: `The file has ${sheet.rows.length.toLocaleString("en")} rows; Keel imports at most ${MAX_ROWS.toLocaleString("en")} at once` }] };
  }
  const mappingIssues = mappingProblems(mapping, sheet.headers.length);
  if (mappingIssues.length) return { ...empty, problems: mappingIssues.map((p) => ({ row: null, column: FIELD_INFO[p.field].label, message: p.message })) };

  const problems: ImportProblem[] = [];
  const columnOf = (field: ImportField) => {
    const index = mapping[field];
    return index === null ? FIELD_INFO[field].label : (sheet.headers[index] ?? FIELD_INFO[field].label);
  };
  const report = (row: number | null, field: ImportField | null, message: string) => problems.push({ row, column: field ? columnOf(field) : null, message });

  const drafts = shape === "typed-rows" ? groupTypedRows(sheet.rows, mapping, report) : groupKeyResultRows(sheet.rows, mapping, report);
  const objectives = drafts.map((draft, index) => resolveObjective(draft, index, context, report));
  resolveParents(drafts, objectives, context, report);
  for (const [i, draft] of drafts.entries()) {
    objectives[i]!.keyResults = draft.keyResults.map((kr) => resolveKeyResult(kr, objectives[i]!, context, report));
  }

  if (!objectives.length && !problems.length) report(null, null, "The file has no objectives below its header row");
  const order = (field: string | null) => (field ? sheet.headers.indexOf(field) : -1);
  problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0) || order(a.column) - order(b.column));
  return { shape, objectives, keyResultCount: objectives.reduce((n, o) => n + o.keyResults.length, 0), problems };
}

type Report = (row: number | null, field: ImportField | null, message: string) => void;

/** What no text field stores: control characters and lone surrogates (lib/http/schemas.ts says why). */
const UNSTORABLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * The mapped cells of a row, trimmed. Text a database cannot store is reported, then read with the offending
 * characters replaced, so the row's other checks still run without a second, misleading "missing" problem.
 */
function readCells(row: SheetRow, mapping: Mapping, report: Report): Cells {
  const cells: Cells = {};
  for (const [field, index] of Object.entries(mapping) as [ImportField, number | null][]) {
    if (index === null) continue;
    let value = (row.cells[index] ?? "").trim();
    const multiline = field === "why";
    const problem = unsafeTextProblem(value, multiline);
    if (problem) {
      report(row.number, field, `This text ${problem}`);
      value = value.replace(UNSTORABLE, "\uFFFD");
      if (!multiline) value = value.replace(/[\t\n\r]+/g, " ");
    }
    cells[field] = value;
  }
  return cells;
}

const hasAny = (cells: Cells, fields: readonly ImportField[]) => fields.some((f) => cells[f]);

/** One row per key result, the objective's title repeated on each; rows with the same title are one objective. */
function groupKeyResultRows(rows: readonly SheetRow[], mapping: Mapping, report: Report): ObjectiveDraft[] {
  const byTitle = new Map<string, ObjectiveDraft>();
  const drafts: ObjectiveDraft[] = [];
  for (const row of rows) {
    const cells = readCells(row, mapping, report);
    const title = cells.objective ?? "";
    if (!title) {
      if (hasAny(cells, [...OBJECTIVE_FIELDS, ...KEY_RESULT_FIELDS])) report(row.number, "objective", "Missing: name the objective this row belongs to");
      continue;
    }
    let draft = byTitle.get(key(title));
    if (!draft) {
      draft = { row: row.number, values: {}, keyResults: [] };
      byTitle.set(key(title), draft);
      drafts.push(draft);
    }
    mergeObjectiveValues(draft, cells, row.number, report);
    const krCells = pick(cells, KEY_RESULT_FIELDS);
    if (cells.keyResult) draft.keyResults.push({ row: row.number, cells: krCells, titleField: "keyResult" });
    else if (hasAny(cells, KEY_RESULT_FIELDS)) report(row.number, "keyResult", "Missing: the row has key result values but no key result title");
  }
  return drafts;
}

/**
 * One row per objective and one per key result, told apart by a Type column. A key result belongs to the objective
 * its Parent cell names, or else to the nearest objective above it.
 */
function groupTypedRows(rows: readonly SheetRow[], mapping: Mapping, report: Report): ObjectiveDraft[] {
  const drafts: ObjectiveDraft[] = [];
  const byTitle = new Map<string, ObjectiveDraft>();
  const pending: { row: number; cells: Cells }[] = [];
  let above: ObjectiveDraft | null = null;
  for (const row of rows) {
    const cells = readCells(row, mapping, report);
    const type = ROW_TYPES[(cells.rowType ?? "").toLowerCase().replace(/[^a-z]/g, "")];
    if (!type) {
      report(row.number, "rowType", cells.rowType ? `“${cells.rowType}” is not a row type: write Objective or Key result` : "Missing: write Objective or Key result");
      continue;
    }
    if (type === "objective") {
      const title = cells.objective ?? "";
      const draft: ObjectiveDraft = { row: row.number, values: {}, keyResults: [] };
      mergeObjectiveValues(draft, cells, row.number, report);
      if (title) {
        const twin = byTitle.get(key(title));
        if (twin) report(row.number, "objective", `Another objective in this file has this title (row ${twin.row}); parents are named by title, so titles must differ`);
        else byTitle.set(key(title), draft);
      }
      drafts.push(draft);
      above = draft;
      continue;
    }
    if (cells.parent) pending.push({ row: row.number, cells });
    else if (above) above.keyResults.push(typedKeyResult(row.number, cells));
    else report(row.number, "rowType", "This key result has no objective above it and no Parent naming one");
  }
  // Parents may name an objective further down the file, so they are looked up once every objective is known.
  for (const { row, cells } of pending) {
    const owner = byTitle.get(key(cells.parent!));
    if (owner) owner.keyResults.push(typedKeyResult(row, cells));
    else report(row, "parent", `No objective titled “${cells.parent}” in this file for this key result to belong to`);
  }
  for (const draft of drafts) draft.keyResults.sort((a, b) => a.row - b.row);
  return drafts;
}

function typedKeyResult(row: number, cells: Cells): KeyResultDraft {
  const titleField: ImportField = cells.keyResult ? "keyResult" : "objective";
  // On a key result's own row, Owner means the key result's owner.
  const keyResultOwner = cells.keyResultOwner || cells.owner;
  return { row, cells: { ...pick(cells, KEY_RESULT_FIELDS), keyResult: cells[titleField] ?? "", ...(keyResultOwner ? { keyResultOwner } : {}) }, titleField };
}

function pick(cells: Cells, fields: readonly ImportField[]): Cells {
  return Object.fromEntries(fields.filter((f) => cells[f] !== undefined).map((f) => [f, cells[f]]));
}

function mergeObjectiveValues(draft: ObjectiveDraft, cells: Cells, row: number, report: Report): void {
  for (const field of OBJECTIVE_FIELDS) {
    const value = cells[field];
    if (!value) continue;
    const known = draft.values[field];
    if (!known) draft.values[field] = { value, row };
    else if (field !== "objective" && key(known.value) !== key(value)) {
      report(row, field, `Differs from row ${known.row} (“${clip(known.value)}”) for the same objective; an objective has one ${FIELD_INFO[field].label.toLowerCase()}`);
    }
  }
}

function resolveMember(email: string, context: ImportContext): { userId: string } | string {
  const member = context.members.get(key(email));
  if (!member) return `No member of this organisation has the email “${clip(email)}”`;
  if (member.role === "viewer") return `${email} is a viewer; viewers cannot own goals`;
  return member;
}

function resolveObjective(draft: ObjectiveDraft, index: number, context: ImportContext, report: Report): PreviewObjective {
  const value = (field: ImportField) => draft.values[field]?.value ?? "";
  const rowOf = (field: ImportField) => draft.values[field]?.row ?? draft.row;
  const title = value("objective");
  if (!title) report(draft.row, "objective", "Missing: give the objective a title");
  else {
    const existing = context.objectives.get(key(title));
    if (existing?.length) report(draft.row, "objective", `An objective with this title is already in ${context.cycleName}; rename it, or remove the row so it is not imported twice`);
  }

  const ownerEmail = value("owner") || context.importer?.email || "";
  let ownerId: string | null = context.importer?.userId ?? null;
  if (value("owner")) {
    const member = resolveMember(value("owner"), context);
    ownerId = typeof member === "string" ? null : member.userId;
    if (typeof member === "string") report(rowOf("owner"), "owner", member);
  } else if (!context.importer) report(draft.row, "owner", "Missing: name the objective's owner by email");

  let team: { id: string; name: string } | null = null;
  if (value("team")) {
    const matches = context.teams.get(key(value("team"))) ?? [];
    const only = matches[0];
    if (!only) report(rowOf("team"), "team", `No team named “${clip(value("team"))}” in this organisation`);
    else if (matches.length > 1) report(rowOf("team"), "team", `${matches.length} teams are named “${only.name}”; rename one in Keel first`);
    else if (only.isArchived) report(rowOf("team"), "team", `${only.name} is archived`);
    else team = only;
  }

  let level: ObjectiveLevel = value("team") ? "team" : "company";
  if (value("level")) {
    const named = LEVELS[key(value("level"))];
    if (!named) report(rowOf("level"), "level", `“${clip(value("level"))}” is not a level: write company, team or personal`);
    else level = named;
  }
  if (value("level") && LEVELS[key(value("level"))]) {
    if (level === "team" && !value("team")) report(rowOf("level"), "team", "Missing: a team objective needs its team");
    if (level === "company" && value("team")) report(rowOf("team"), "team", "Company objectives belong to no team: leave Team empty, or set Level to team");
  }

  const parsed = CreateObjectiveSchema.safeParse({
    cycleId: context.cycleId,
    level,
    teamId: level === "company" ? null : (team?.id ?? null),
    ownerId: ownerId ?? undefined,
    title,
    whyItMatters: value("why"),
  });
  if (!parsed.success && title) {
    for (const issue of parsed.error.issues) {
      if (issue.path[0] === "title") report(draft.row, "objective", issue.message);
      if (issue.path[0] === "whyItMatters") report(rowOf("why"), "why", issue.message);
    }
  }

  return {
    index,
    row: draft.row,
    title,
    whyItMatters: value("why"),
    level,
    teamId: level === "company" ? null : (team?.id ?? null),
    teamName: level === "company" ? null : (team?.name ?? null),
    ownerId,
    ownerEmail,
    parent: null,
    keyResults: [],
  };
}

/**
 * Parents are named by title: an objective of this file first, then one already in the cycle. Within the file they
 * must not loop; objectives already in the cycle cannot be part of a loop, since nothing there points at a new one.
 */
function resolveParents(drafts: readonly ObjectiveDraft[], objectives: PreviewObjective[], context: ImportContext, report: Report): void {
  const inFile = new Map<string, number>();
  for (const o of objectives) if (o.title && !inFile.has(key(o.title))) inFile.set(key(o.title), o.index);
  for (const [i, draft] of drafts.entries()) {
    const cell = draft.values.parent;
    if (!cell) continue;
    const objective = objectives[i]!;
    const fileIndex = inFile.get(key(cell.value));
    if (fileIndex !== undefined) {
      objective.parent = { kind: "file", index: fileIndex, title: objectives[fileIndex]!.title };
      continue;
    }
    const existing = context.objectives.get(key(cell.value)) ?? [];
    const only = existing[0];
    if (!only) report(cell.row, "parent", `No objective titled “${clip(cell.value)}” in this file or in ${context.cycleName}`);
    else if (existing.length > 1) report(cell.row, "parent", `${existing.length} objectives in ${context.cycleName} are titled “${only.title}”; align this one in Keel after the import`);
    else if (only.state === "abandoned") report(cell.row, "parent", `“${only.title}” was abandoned; align to an objective that is still pursued`);
    else objective.parent = { kind: "cycle", id: only.id, title: only.title };
  }

  // Each objective is walked once: "done" ones are known to end outside any loop, or in one already reported.
  const done = new Set<number>();
  for (const start of objectives) {
    const path = new Map<number, number>();
    let at: PreviewObjective | undefined = start;
    while (at && !done.has(at.index)) {
      const seenAt = path.get(at.index);
      if (seenAt !== undefined) {
        const loop = [...path.keys()].slice(seenAt);
        const titles = [...loop, at.index].map((n) => `“${clip(objectives[n]!.title)}”`).join(" → ");
        for (const n of loop) report(drafts[n]!.values.parent?.row ?? drafts[n]!.row, "parent", `These parents make a loop: ${titles}`);
        break;
      }
      path.set(at.index, path.size);
      at = at.parent?.kind === "file" ? objectives[at.parent.index] : undefined;
    }
    for (const n of path.keys()) done.add(n);
  }
}

function resolveKeyResult(draft: KeyResultDraft, objective: PreviewObjective, context: ImportContext, report: Report): PreviewKeyResult {
  const { cells, row } = draft;
  let ownerId = objective.ownerId;
  let ownerEmail = objective.ownerEmail;
  if (cells.keyResultOwner) {
    const member = resolveMember(cells.keyResultOwner, context);
    ownerEmail = cells.keyResultOwner;
    ownerId = typeof member === "string" ? null : member.userId;
    if (typeof member === "string") report(row, "keyResultOwner", member);
  }

  const signs = new Set<UnitSign>();
  const number = (field: "start" | "target" | "current", fallback: string | null): string | null => {
    const raw = cells[field] ?? "";
    if (!raw) {
      if (fallback === null) report(row, field, "Missing: a key result needs the value it aims for");
      return fallback;
    }
    const parsed = parseImportNumber(raw);
    if (!parsed.ok) {
      report(row, field, parsed.problem);
      return null;
    }
    if (parsed.sign) signs.add(parsed.sign);
    return parsed.value;
  };
  const startValue = number("start", "0");
  const targetValue = number("target", null);
  const currentValue = number("current", startValue ?? "0");
  if (signs.size > 1) report(row, "unit", `The numbers carry different signs (${[...signs].join(" and ")}); use one unit per key result`);
  const unit = cells.unit || (signs.size === 1 ? [...signs][0]! : "");
  const type: ImportKeyResultType = unit === "%" ? "percent" : CURRENCY_UNITS.has(unit.toLowerCase()) ? "currency" : "number";
  const direction = startValue !== null && targetValue !== null && dec(targetValue).lessThan(dec(startValue)) ? "decrease" : "increase";

  const title = cells.keyResult ?? "";
  if (!title) report(row, draft.titleField, "Missing: give the key result a title");
  // Keel's own key result rules (title, unit, target against start); numbers already refused are stood in for, so
  // the title and unit are still checked and nothing is said twice.
  const hasNumbers = startValue !== null && targetValue !== null;
  const parsed = KeyResultDraftSchema.safeParse({ title: title || "untitled", type, direction, startValue: hasNumbers ? startValue : "0", targetValue: hasNumbers ? targetValue : "1", unit });
  if (!parsed.success) {
    const fields: Record<string, ImportField> = { title: draft.titleField, startValue: "start", targetValue: "target", unit: "unit" };
    for (const issue of parsed.error.issues) {
      const field = fields[String(issue.path[0])] ?? null;
      if (hasNumbers || (field !== "start" && field !== "target")) report(row, field, issue.message);
    }
  }
  return {
    row,
    title,
    ownerId,
    ownerEmail,
    type,
    direction,
    startValue: startValue ?? "",
    targetValue: targetValue ?? "",
    currentValue: currentValue ?? "",
    unit,
  };
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}
