import { z } from "zod";

/**
 * The columns Keel reads from a spreadsheet, and the header names that map to each one automatically: Keel's own
 * template first, then the names Viva Goals' export and Quantive's Excel import utility use (see
 * docs/decisions/0019-spreadsheet-import.md for where each name comes from and how sure we are of it).
 */
export const IMPORT_FIELDS = [
  "objective",
  "why",
  "keyResult",
  "owner",
  "keyResultOwner",
  "team",
  "level",
  "start",
  "target",
  "current",
  "unit",
  "parent",
  "rowType",
] as const;

export type ImportField = (typeof IMPORT_FIELDS)[number];

interface FieldInfo {
  label: string;
  hint: string;
  /** Header names that map here, compared after `normaliseHeader`; the earlier a name, the stronger the match. */
  names: readonly string[];
}

export const FIELD_INFO: Record<ImportField, FieldInfo> = {
  objective: {
    label: "Objective",
    hint: "The objective's title. With a Type column, the title of every row.",
    names: ["objective", "objectivetitle", "objectivename", "title", "name", "goal", "goaltitle", "goalname"],
  },
  why: {
    label: "Why it matters",
    hint: "The objective's description.",
    names: ["whyitmatters", "why", "objectivedescription", "description", "goaldescription"],
  },
  keyResult: {
    label: "Key result",
    hint: "The key result's title; leave empty on rows that only describe an objective.",
    names: ["keyresult", "keyresulttitle", "keyresultname", "kr", "krtitle", "krname"],
  },
  owner: {
    label: "Owner email",
    hint: "The objective owner's email; empty means you own it.",
    names: ["owneremail", "objectiveowneremail", "owner", "objectiveowner", "owneremailaddress", "email", "assignee", "assigneeemail"],
  },
  keyResultOwner: {
    label: "Key result owner email",
    hint: "Empty means the objective's owner.",
    names: ["keyresultowneremail", "keyresultowner", "krowneremail", "krowner"],
  },
  team: {
    label: "Team",
    hint: "A team's name as Keel shows it; empty makes a company objective.",
    names: ["team", "teamname", "teams", "ownerteam", "department"],
  },
  level: {
    label: "Level",
    hint: "company, team or personal; without it, an objective with a team is a team objective and one without is a company objective.",
    names: ["level", "objectivelevel", "scope"],
  },
  start: {
    label: "Start",
    hint: "The value the key result starts from; empty means 0.",
    names: ["start", "startvalue", "initialvalue", "startingvalue", "baseline", "from", "metricstartvalue"],
  },
  target: {
    label: "Target",
    hint: "The value to reach.",
    names: ["target", "targetvalue", "goalvalue", "to", "metrictargetvalue"],
  },
  current: {
    label: "Current",
    hint: "Where the key result stands now; empty means the start value.",
    names: ["current", "currentvalue", "actual", "actualvalue", "latestvalue", "metriccurrentvalue"],
  },
  unit: {
    label: "Unit",
    hint: "For example %, € or users.",
    names: ["unit", "units", "metricunit", "unitofmeasure", "metric", "format"],
  },
  parent: {
    label: "Parent objective",
    hint: "The title of the objective above: one in this file or already in the cycle.",
    names: ["parent", "parentobjective", "parenttitle", "alignedto", "alignedwith", "parentokr", "contributesto", "alignment"],
  },
  rowType: {
    label: "Row type",
    hint: "Objective or Key result, for files with one row per objective and per key result (Viva Goals).",
    names: ["type", "okrtype", "itemtype", "recordtype", "rowtype"],
  },
};

/** Column index per field; null when the file has no column for it. */
export type Mapping = Record<ImportField, number | null>;

/** Case, spaces, punctuation and a leading `*` (required-column marks) do not matter: "Key Result (title)*" is "keyresulttitle". */
export function normaliseHeader(header: string): string {
  return header.normalize("NFKC").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "");
}

/**
 * The mapping a person would most likely choose: each field takes the first unused column whose header is one of its
 * names, trying the field's names in order. Whole names only ("Key result owner" is never read as "owner"): a guess
 * that is silently wrong is worse than one left for the person to make.
 */
export function autoMap(headers: readonly string[]): Mapping {
  const normalised = headers.map(normaliseHeader);
  const used = new Set<number>();
  const mapping = Object.fromEntries(IMPORT_FIELDS.map((f) => [f, null])) as Mapping;
  for (const field of IMPORT_FIELDS) {
    for (const name of FIELD_INFO[field].names) {
      const index = normalised.findIndex((h, i) => h === name && !used.has(i));
      if (index < 0) continue;
      mapping[field] = index;
      used.add(index);
      break;
    }
  }
  return mapping;
}

const ColumnSchema = z.union([z.number().int().min(0).max(9_999), z.null()], { error: "A column is a column number, or null for none" });

/** A mapping from input: a column number per field, null or absent for none. */
export const MappingSchema = z
  .object(Object.fromEntries(IMPORT_FIELDS.map((f) => [f, ColumnSchema.optional()])) as Record<ImportField, z.ZodOptional<typeof ColumnSchema>>)
  .strict()
  .transform((m) => Object.fromEntries(IMPORT_FIELDS.map((f) => [f, m[f] ?? null])) as Mapping)
  .meta({ description: "Keel's field → the column's number (0 for the first column), or null for none" });

/** Columns used by two fields, or beyond the file's last column: the reasons a mapping cannot be applied. */
export function mappingProblems(mapping: Mapping, headerCount: number): { field: ImportField; message: string }[] {
  const problems: { field: ImportField; message: string }[] = [];
  const seen = new Map<number, ImportField>();
  for (const field of IMPORT_FIELDS) {
    const column = mapping[field];
    if (column === null) continue;
    if (column >= headerCount) {
      problems.push({ field, message: `The file has no column ${column + 1}` });
      continue;
    }
    const other = seen.get(column);
    if (other) problems.push({ field, message: `That column is already read as ${FIELD_INFO[other].label}` });
    else seen.set(column, field);
  }
  if (mapping.objective === null) problems.push({ field: "objective", message: "Choose the column that holds the objectives' titles" });
  return problems;
}

/** The spreadsheet's letter for a column: A, B, ... Z, AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}
