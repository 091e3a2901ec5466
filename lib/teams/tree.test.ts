import { describe, expect, it } from "vitest";
import { buildTeamTree, flattenTeamTree, subtreeIds, wouldCreateCycle, type TeamTreeNode, type TeamTreeRow } from "./tree";

const row = (id: string, parentId: string | null, name = id): TeamTreeRow => ({ id, parentId, name });

/** The tree as nested names, which is what a reader of the page sees. */
function shape(nodes: TeamTreeNode<TeamTreeRow>[]): unknown[] {
  return nodes.map((n) => (n.children.length ? { [n.name]: shape(n.children) } : n.name));
}

describe("buildTeamTree", () => {
  it("nests company > department > team and records each depth", () => {
    const tree = buildTeamTree([row("platform", "pe", "Platform"), row("pe", "co", "Product"), row("co", null, "Company"), row("sales", "gtm", "Sales"), row("gtm", "co", "Go-to-Market")]);
    expect(shape(tree)).toEqual([{ Company: [{ "Go-to-Market": ["Sales"] }, { Product: ["Platform"] }] }]);
    const depths = Object.fromEntries(flattenTeamTree(tree).map((n) => [n.id, n.depth]));
    expect(depths).toEqual({ co: 0, gtm: 1, sales: 2, pe: 1, platform: 2 });
  });

  it("keeps the extra fields of each row", () => {
    const [root] = buildTeamTree([{ ...row("a", null, "A"), memberCount: 4 }]);
    expect(root).toMatchObject({ id: "a", memberCount: 4, depth: 0, children: [] });
  });

  it("shows a team whose parent is archived (filtered out) or missing at the top level, with its sub-teams", () => {
    const tree = buildTeamTree([row("live", "archived-parent", "Live"), row("child", "live", "Child"), row("lost", "deleted", "Lost"), row("root", null, "Root")]);
    expect(shape(tree)).toEqual([{ Live: ["Child"] }, "Lost", "Root"]);
    expect(flattenTeamTree(tree).find((n) => n.id === "child")?.depth).toBe(1);
  });

  it("orders siblings by name, ignoring case and reading numbers as numbers", () => {
    const tree = buildTeamTree([row("3", null, "team 10"), row("1", null, "Team 2"), row("2", null, "alpha"), row("4", null, "Beta")]);
    expect(tree.map((n) => n.name)).toEqual(["alpha", "Beta", "Team 2", "team 10"]);
  });

  it("orders teams with the same name by id, so the order is stable", () => {
    const tree = buildTeamTree([row("b", null, "Same"), row("a", null, "Same")]);
    expect(tree.map((n) => n.id)).toEqual(["a", "b"]);
  });

  it("breaks a loop in the data open instead of losing the teams or looping forever", () => {
    const tree = buildTeamTree([row("x", "y", "X"), row("y", "x", "Y"), row("z", "x", "Aardvark"), row("self", "self", "Self")]);
    const flat = flattenTeamTree(tree);
    expect(flat).toHaveLength(4);
    expect(shape(tree)).toEqual(["Self", { X: ["Aardvark", "Y"] }]);
  });

  it("builds 1,500 teams quickly", () => {
    const rows: TeamTreeRow[] = [row("co", null, "Company")];
    for (let d = 0; d < 30; d++) {
      rows.push(row(`d${d}`, "co", `Department ${d}`));
      for (let t = 0; t < 49; t++) rows.push(row(`d${d}t${t}`, `d${d}`, `Team ${d}.${t}`));
    }
    const started = performance.now();
    const flat = flattenTeamTree(buildTeamTree(rows));
    expect(performance.now() - started).toBeLessThan(500);
    expect(flat).toHaveLength(rows.length);
    expect(flat[1]?.name).toBe("Department 0");
  });
});

describe("subtreeIds", () => {
  it("is the team and everything beneath it, not its siblings or parents", () => {
    const rows = [row("co", null), row("pe", "co"), row("platform", "pe"), row("infra", "platform"), row("gtm", "co")];
    expect([...subtreeIds(rows, "pe")].sort()).toEqual(["infra", "pe", "platform"]);
    expect([...subtreeIds(rows, "gtm")]).toEqual(["gtm"]);
  });
});

describe("wouldCreateCycle", () => {
  const parentOf = new Map<string, string | null>([
    ["co", null],
    ["pe", "co"],
    ["platform", "pe"],
    ["infra", "platform"],
    ["gtm", "co"],
  ]);

  it("refuses a move under the team itself or any team beneath it", () => {
    expect(wouldCreateCycle(parentOf, "pe", "pe")).toBe(true);
    expect(wouldCreateCycle(parentOf, "pe", "platform")).toBe(true);
    expect(wouldCreateCycle(parentOf, "pe", "infra")).toBe(true);
  });

  it("allows a move under a sibling, a parent, a cousin or to the top", () => {
    expect(wouldCreateCycle(parentOf, "pe", "gtm")).toBe(false);
    expect(wouldCreateCycle(parentOf, "infra", "co")).toBe(false);
    expect(wouldCreateCycle(parentOf, "gtm", "infra")).toBe(false);
    expect(wouldCreateCycle(parentOf, "platform", null)).toBe(false);
  });

  it("treats a loop already in the data as a loop", () => {
    const broken = new Map<string, string | null>([
      ["a", "b"],
      ["b", "a"],
    ]);
    expect(wouldCreateCycle(broken, "c", "a")).toBe(true);
  });
});
