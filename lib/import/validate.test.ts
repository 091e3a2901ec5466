import { describe, expect, it } from "vitest";
import { autoMap } from "./mapping";
import { parseCsv, type Sheet } from "./parse";
import { templateCsv } from "./template";
import { validateImport, type ImportContext } from "./validate";

const ids = {
  cycle: "0190a000-0000-7000-8000-000000000001",
  admin: "0190a000-0000-7000-8000-000000000002",
  ana: "0190a000-0000-7000-8000-000000000003",
  vic: "0190a000-0000-7000-8000-000000000004",
  sales: "0190a000-0000-7000-8000-000000000005",
  old: "0190a000-0000-7000-8000-000000000006",
  growth: "0190a000-0000-7000-8000-000000000007",
  dropped: "0190a000-0000-7000-8000-000000000008",
  twinA: "0190a000-0000-7000-8000-000000000009",
  twinB: "0190a000-0000-7000-8000-00000000000a",
};

const context: ImportContext = {
  cycleId: ids.cycle,
  cycleName: "2027 Q1",
  importer: { userId: ids.admin, email: "admin@example.com" },
  members: new Map([
    ["admin@example.com", { userId: ids.admin, role: "admin" }],
    ["ana@example.com", { userId: ids.ana, role: "member" }],
    ["vic@example.com", { userId: ids.vic, role: "viewer" }],
  ]),
  teams: new Map([
    ["sales", [{ id: ids.sales, name: "Sales", isArchived: false }]],
    ["old team", [{ id: ids.old, name: "Old team", isArchived: true }]],
    ["twins", [{ id: ids.twinA, name: "Twins", isArchived: false }, { id: ids.twinB, name: "twins", isArchived: false }]],
  ]),
  objectives: new Map([
    ["company growth", [{ id: ids.growth, title: "Company growth", state: "active" as const }]],
    ["dropped idea", [{ id: ids.dropped, title: "Dropped idea", state: "abandoned" as const }]],
  ]),
};

const HEADERS = "Objective,Key result,Owner email,Team,Start,Target,Current,Unit,Parent objective";
const check = (csv: string, ctx: ImportContext = context) => {
  const sheet: Sheet = parseCsv(csv);
  return validateImport(sheet, autoMap(sheet.headers), ctx);
};
const problemLines = (csv: string) => check(csv).problems.map((p) => `Row ${p.row}, ${p.column}: ${p.message}`);

describe("a file with one row per key result", () => {
  it("groups rows by objective and resolves owners, teams, numbers, units and parents", () => {
    const preview = check(
      [
        HEADERS,
        "Win the mid-market,Deals closed,ana@example.com,sales,0,40,12,,Company growth",
        "Win the mid-market,Win rate,ANA@example.com,Sales,20%,35%,25%,,",
        "Win the mid-market,Sales cycle in days,,,60,45,,days,",
        "Grow the partner channel,Partner revenue,,,€0,\"€1,200\",€300,,Win the mid-market",
      ].join("\n"),
    );
    expect(preview.problems).toEqual([]);
    expect(preview.shape).toBe("key-result-rows");
    expect(preview.keyResultCount).toBe(4);
    const [mid, partner] = preview.objectives;
    expect(mid).toMatchObject({ row: 2, title: "Win the mid-market", ownerId: ids.ana, level: "team", teamId: ids.sales, parent: { kind: "cycle", id: ids.growth } });
    expect(mid?.keyResults.map((k) => [k.title, k.ownerId, k.type, k.direction, k.startValue, k.targetValue, k.currentValue, k.unit])).toEqual([
      ["Deals closed", ids.ana, "number", "increase", "0", "40", "12", ""],
      ["Win rate", ids.ana, "percent", "increase", "20", "35", "25", "%"],
      ["Sales cycle in days", ids.ana, "number", "decrease", "60", "45", "60", "days"],
    ]);
    expect(partner).toMatchObject({ ownerId: ids.admin, ownerEmail: "admin@example.com", level: "company", teamId: null, parent: { kind: "file", index: 0 } });
    expect(partner?.keyResults[0]).toMatchObject({ type: "currency", unit: "€", startValue: "0", targetValue: "1200", currentValue: "300" });
  });

  it("reads Keel's own template without a problem", () => {
    const preview = check(templateCsv());
    expect(preview.problems).toEqual([]);
    expect(preview.objectives).toHaveLength(1);
    expect(preview.objectives[0]?.keyResults.map((k) => k.title)).toEqual(["Activation rate", "Days to first report"]);
  });

  it("lists every problem of every row at once, by row and column", () => {
    const lines = problemLines(
      [
        HEADERS,
        "Win the mid-market,Deals closed,nobody@example.com,Marketing,0,forty,,,",
        "Win the mid-market,Win rate,vic@example.com,Old team,5,5,,,No such goal",
        ",Orphan key result,,,,10,,,",
        "Okay goal,Bad current,,,0,10,\"1,5\",,",
        "Dropped child,A measure,,,0,10,,,Dropped idea",
        "Twin team,A measure,,Twins,0,10,,,",
        `${"T".repeat(201)},A measure,,,0,10,,,`,
        "Company growth,A measure,,,0,10,,,",
        "No target,Measure without target,,,0,,,,",
      ].join("\n"),
    );
    expect(lines).toEqual([
      "Row 2, Owner email: No member of this organisation has the email “nobody@example.com”",
      "Row 2, Team: No team named “Marketing” in this organisation",
      "Row 2, Target: “forty” is not a number",
      "Row 3, Owner email: Differs from row 2 (“nobody@example.com”) for the same objective; an objective has one owner email",
      "Row 3, Team: Differs from row 2 (“Marketing”) for the same objective; an objective has one team",
      "Row 3, Target: The target must differ from the start value",
      "Row 3, Parent objective: No objective titled “No such goal” in this file or in 2027 Q1",
      "Row 4, Objective: Missing: name the objective this row belongs to",
      "Row 5, Current: “1,5” is ambiguous: write 1.5 for one and a half, 1,500 for fifteen hundred",
      "Row 6, Parent objective: “Dropped idea” was abandoned; align to an objective that is still pursued",
      "Row 7, Team: 2 teams are named “Twins”; rename one in Keel first",
      "Row 8, Objective: Titles are at most 200 characters",
      "Row 9, Objective: An objective with this title is already in 2027 Q1; rename it, or remove the row so it is not imported twice",
      "Row 10, Target: Missing: a key result needs the value it aims for",
    ]);
  });

  it("refuses viewers and archived teams as owners and homes", () => {
    expect(problemLines([HEADERS, "Viewer's goal,Measure,vic@example.com,Old team,0,1,,,"].join("\n"))).toEqual([
      "Row 2, Owner email: vic@example.com is a viewer; viewers cannot own goals",
      "Row 2, Team: Old team is archived",
    ]);
  });

  it("finds loops of parents within the file, however they are spelled", () => {
    const lines = problemLines(
      [HEADERS, "Alpha,Measure A,,,0,1,,,beta", "Beta,Measure B,,,0,1,,,Gamma", "Gamma,Measure C,,,0,1,,,Alpha", "Delta,Measure D,,,0,1,,,Alpha", "Self,Measure E,,,0,1,,,Self"].join("\n"),
    );
    expect(lines).toEqual([
      "Row 2, Parent objective: These parents make a loop: “Alpha” → “Beta” → “Gamma” → “Alpha”",
      "Row 3, Parent objective: These parents make a loop: “Alpha” → “Beta” → “Gamma” → “Alpha”",
      "Row 4, Parent objective: These parents make a loop: “Alpha” → “Beta” → “Gamma” → “Alpha”",
      "Row 6, Parent objective: These parents make a loop: “Self” → “Self”",
    ]);
  });

  it("handles a chain of thousands of parents without walking it once per objective", () => {
    const rows = Array.from({ length: 5_000 }, (_, i) => `Goal ${i},Measure,,,0,1,,,${i ? `Goal ${i - 1}` : ""}`);
    const started = performance.now();
    expect(check([HEADERS, ...rows].join("\n")).problems).toEqual([]);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it("reports text a database cannot store instead of sending it", () => {
    expect(problemLines([HEADERS, "Bad\u0000title,Measure,,,0,1,,,", "Fine,Lone \ud800 surrogate,,,0,1,,,"].join("\n"))).toEqual([
      "Row 2, Objective: This text cannot contain a NUL character",
      "Row 3, Key result: This text contains an invalid character (a lone UTF-16 surrogate)",
    ]);
  });

  it("asks for an owner when the importer cannot own goals (an organisation token)", () => {
    const preview = check([HEADERS, "Token's goal,Measure,,,0,1,,,"].join("\n"), { ...context, importer: null });
    expect(preview.problems.map((p) => `${p.column}: ${p.message}`)).toEqual(["Owner email: Missing: name the objective's owner by email"]);
  });

  it("refuses more than 10,000 rows, and a mapping without an objective column", () => {
    const many: Sheet = { headers: ["Objective"], rows: Array.from({ length: 10_001 }, (_, i) => ({ number: i + 2, cells: [`Goal ${i}`] })) };
    expect(validateImport(many, autoMap(many.headers), context).problems).toEqual([{ row: null, column: null, message: "The file has 10,001 rows; Keel imports at most 10,000 at once" }]);
    expect(check(`${HEADERS}\n`).problems).toEqual([{ row: null, column: null, message: "The file has no objectives below its header row" }]);
    const sheet = parseCsv("Goal statement,Target\nGrow,10\n");
    expect(validateImport(sheet, autoMap(sheet.headers), context).problems).toEqual([
      { row: null, column: "Objective", message: "Choose the column that holds the objectives' titles" },
    ]);
  });
});

describe("a file with a Type column (Viva Goals-style)", () => {
  const VIVA = "Title,Type,Owner,Team,Parent,Start,Target,Current,Metric";

  it("reads objective rows and the key result rows beneath them, or named by Parent", () => {
    const preview = check(
      [
        VIVA,
        "Win the mid-market,Objective,ana@example.com,Sales,Company growth,,,,",
        "Deals closed,Key Result,,,,0,40,10,deals",
        "Grow partners,Objective,,,Win the mid-market,,,,",
        "Partner revenue,KR,ana@example.com,,,0,100,,k€",
        "Win rate,Key result,,,Win the mid-market,20,35,,%",
      ].join("\n"),
    );
    expect(preview.problems).toEqual([]);
    expect(preview.shape).toBe("typed-rows");
    expect(preview.objectives.map((o) => [o.title, o.parent?.title ?? null, o.keyResults.map((k) => `${k.title} (${k.ownerId === ids.ana ? "ana" : "admin"})`)])).toEqual([
      ["Win the mid-market", "Company growth", ["Deals closed (ana)", "Win rate (ana)"]],
      ["Grow partners", "Win the mid-market", ["Partner revenue (ana)"]],
    ]);
  });

  it("lists unknown row types, orphan key results and duplicate titles", () => {
    expect(
      problemLines([VIVA, "Stray,Key result,,,,0,1,,", "Alpha,Objective,,,,,,,", "Alpha,Objective,,,,,,,", "Odd,Initiative,,,,,,,", "Lost,Key result,,,Nowhere,0,1,,"].join("\n")),
    ).toEqual([
      "Row 2, Type: This key result has no objective above it and no Parent naming one",
      "Row 4, Title: Another objective in this file has this title (row 3); parents are named by title, so titles must differ",
      "Row 5, Type: “Initiative” is not a row type: write Objective or Key result",
      "Row 6, Parent: No objective titled “Nowhere” in this file for this key result to belong to",
    ]);
  });
});

describe("key result rules shared with the forms", () => {
  it("checks the unit and the title even when a number is missing", () => {
    const lines = problemLines([HEADERS, `Goal with long unit,KR,,,0,,,${"u".repeat(30)},`].join("\n"));
    expect(lines).toEqual([
      "Row 2, Key result: Titles need at least 3 characters",
      "Row 2, Target: Missing: a key result needs the value it aims for",
      "Row 2, Unit: Units are at most 24 characters",
    ]);
  });
});
