import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { poolConfigFromUrl, withDatabase } from "@/lib/db/connection";
import { keyResultProgress, round4, weightedMean, type Direction, type KeyResultType } from "@/lib/progress";
import { generateBenchData, TABLES, type GenerateResult } from "@/bench/lib/generator";
import { SIZES } from "@/bench/sizes";
import { quoteIdent, withAdminClient } from "../setup/databases";

const serverUrl = inject("serverUrl");
// Named with the run's prefix, so parallel runs on one server never drop each other's databases.
const prefix = process.env.KEEL_TEST_DB_PREFIX ?? "keel_test";
const names = [`${prefix}_bench_gen_a`, `${prefix}_bench_gen_b`];
const options = { size: SIZES.S, seed: 7, today: "2026-11-25" };

let first: GenerateResult;
let second: GenerateResult;
let client: pg.Client;

async function checksums(url: string): Promise<Record<string, string>> {
  const c = new pg.Client(poolConfigFromUrl(url));
  await c.connect();
  try {
    const out: Record<string, string> = {};
    for (const table of TABLES) {
      const { rows } = await c.query<{ sum: string }>(`SELECT md5(string_agg(t::text, '' ORDER BY t.id)) AS sum FROM ${table} t`);
      out[table] = rows[0]!.sum;
    }
    return out;
  } finally {
    await c.end();
  }
}

async function rows<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
  return (await client.query<T>(sql, params)).rows;
}

describe("bench data generator (size S)", () => {
  beforeAll(async () => {
    first = await generateBenchData({ serverUrl, database: names[0]!, ...options });
    second = await generateBenchData({ serverUrl, database: names[1]!, ...options });
    client = new pg.Client(poolConfigFromUrl(withDatabase(serverUrl, names[0]!)));
    await client.connect();
  }, 120_000);

  afterAll(async () => {
    await client?.end();
    await withAdminClient(serverUrl, async (c) => {
      for (const name of names) await c.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
    });
  });

  it("gives byte-identical rows, ids and password hash included, for the same seed", async () => {
    const [a, b] = await Promise.all(names.map((name) => checksums(withDatabase(serverUrl, name))));
    expect(Object.keys(a!)).toEqual([...TABLES]);
    for (const table of TABLES) expect(a![table], table).toMatch(/^[0-9a-f]{32}$/);
    expect(b).toEqual(a);
    expect(second.manifest).toEqual({ ...first.manifest, database: names[1] });
  });

  it("has the promised size: people, teams, objectives and key results, and a closed cycle a third as big", async () => {
    const counts = first.manifest.counts;
    expect(counts.organizations).toBe(1);
    expect(counts.users).toBe(200);
    expect(counts.teams).toBe(30);
    const perCycle = await rows<{ state: string; objectives: string; key_results: string }>(`
      SELECT c.state, count(DISTINCT o.id) AS objectives, count(k.id) AS key_results
        FROM cycles c JOIN objectives o ON o.cycle_id = c.id JOIN key_results k ON k.objective_id = o.id
       GROUP BY c.state`);
    const active = perCycle.find((r) => r.state === "active")!;
    const closed = perCycle.find((r) => r.state === "closed")!;
    expect(Number(active.objectives)).toBe(400);
    expect(Number(active.key_results)).toBe(1200);
    expect(Number(closed.objectives)).toBe(133);
    expect(Number(closed.key_results)).toBe(399);
    const perObjective = await rows<{ min: number; max: number }>("SELECT min(n)::int AS min, max(n)::int AS max FROM (SELECT count(*) AS n FROM key_results GROUP BY objective_id) x");
    expect(perObjective[0]).toEqual({ min: 2, max: 4 });
  });

  it("has roles of every kind and one or two leads per team", async () => {
    const roles = await rows<{ role: string; n: number }>("SELECT role, count(*)::int AS n FROM memberships GROUP BY role");
    const byRole: Record<string, number> = { owner: 0, admin: 0, member: 0, viewer: 0, ...Object.fromEntries(roles.map((r) => [r.role, r.n])) };
    expect(byRole.owner).toBe(1);
    expect(byRole.admin).toBeGreaterThanOrEqual(2);
    expect(byRole.viewer).toBeGreaterThanOrEqual(1);
    expect(byRole.member).toBeGreaterThan(byRole.admin! + byRole.viewer!);
    const leads = await rows<{ min: number; max: number }>(`
      SELECT min(n)::int AS min, max(n)::int AS max
        FROM (SELECT t.id, count(tm.id) FILTER (WHERE tm.role = 'lead') AS n FROM teams t LEFT JOIN team_memberships tm ON tm.team_id = t.id GROUP BY t.id) x`);
    expect(leads[0]).toEqual({ min: 1, max: 2 });
  });

  it("nests teams four to five deep", async () => {
    const depth = await rows<{ depth: number }>(`
      WITH RECURSIVE tree AS (
        SELECT id, 1 AS depth FROM teams WHERE parent_id IS NULL
        UNION ALL SELECT t.id, tree.depth + 1 FROM teams t JOIN tree ON t.parent_id = tree.id)
      SELECT max(depth) AS depth FROM tree`);
    expect(depth[0]!.depth).toBeGreaterThanOrEqual(4);
    expect(depth[0]!.depth).toBeLessThanOrEqual(5);
  });

  it("aligns objectives three to four levels deep, some through key results, a few not at all", async () => {
    const chains = await rows<{ depth: number; via_key_result: boolean }>(`
      WITH RECURSIVE up AS (
        SELECT o.id, o.cycle_id, coalesce(o.parent_objective_id, k.objective_id) AS parent, 1 AS depth, o.parent_key_result_id IS NOT NULL AS via_key_result
          FROM objectives o LEFT JOIN key_results k ON k.id = o.parent_key_result_id
        UNION ALL
        SELECT up.id, up.cycle_id, coalesce(p.parent_objective_id, k.objective_id), up.depth + 1, up.via_key_result OR p.parent_key_result_id IS NOT NULL
          FROM up JOIN objectives p ON p.id = up.parent LEFT JOIN key_results k ON k.id = p.parent_key_result_id
         WHERE up.depth < 10)
      SELECT max(depth) AS depth, bool_or(via_key_result) AS via_key_result
        FROM up JOIN cycles c ON c.id = up.cycle_id AND c.state = 'active' GROUP BY up.id`);
    const deepest = Math.max(...chains.map((c) => c.depth));
    expect(deepest).toBeGreaterThanOrEqual(3);
    expect(deepest).toBeLessThanOrEqual(4);
    expect(chains.some((c) => c.depth === deepest && c.via_key_result)).toBe(true);

    const alignment = await rows<{ to_key_result: number; unaligned: number; below_company: number }>(`
      SELECT count(*) FILTER (WHERE parent_key_result_id IS NOT NULL)::int AS to_key_result,
             count(*) FILTER (WHERE parent_objective_id IS NULL AND parent_key_result_id IS NULL)::int AS unaligned,
             count(*)::int AS below_company
        FROM objectives WHERE level <> 'company'`);
    const { to_key_result, unaligned, below_company } = alignment[0]!;
    expect(to_key_result).toBeGreaterThan(0);
    expect(unaligned / below_company).toBeGreaterThan(0.005);
    expect(unaligned / below_company).toBeLessThan(0.1);
    const chain = first.manifest.objectives.deepWhyChain.chain;
    expect(chain).toHaveLength(4);
    const top = await rows<{ level: string }>("SELECT level FROM objectives WHERE id = $1", [chain[chain.length - 1]]);
    expect(top[0]!.level).toBe("company");
  });

  it("has exactly twelve weekly check-ins per active key result (thirteen in the closed cycle), each with its first version", async () => {
    const perKeyResult = await rows<{ state: string; min: number; max: number; weeks: number }>(`
      SELECT c.state, min(n)::int AS min, max(n)::int AS max, max(weeks)::int AS weeks
        FROM (SELECT key_result_id, count(*) AS n, count(DISTINCT week) AS weeks FROM check_ins GROUP BY key_result_id) x
        JOIN key_results k ON k.id = x.key_result_id JOIN cycles c ON c.id = k.cycle_id
       GROUP BY c.state ORDER BY c.state`);
    expect(perKeyResult).toEqual([
      { state: "active", min: 12, max: 12, weeks: 12 },
      { state: "closed", min: 13, max: 13, weeks: 13 },
    ]);
    const orphans = await rows<{ n: number }>(`
      SELECT count(*)::int AS n FROM key_results k WHERE NOT EXISTS (SELECT 1 FROM check_ins ci WHERE ci.key_result_id = k.id)`);
    expect(orphans[0]!.n).toBe(0);
    const versions = await rows<{ mismatched: number; total: number }>(`
      SELECT count(*) FILTER (WHERE v.id IS NULL OR v.version <> 1 OR v.value <> ci.value OR v.confidence <> ci.confidence OR v.note <> ci.note)::int AS mismatched, count(*)::int AS total
        FROM check_ins ci LEFT JOIN check_in_versions v ON v.check_in_id = ci.id`);
    expect(versions[0]!.mismatched).toBe(0);
    expect(versions[0]!.total).toBe(first.manifest.counts.check_in_versions);
    const confidences = await rows<{ confidence: string; share: number }>("SELECT confidence, count(*)::float / sum(count(*)) OVER () AS share FROM check_ins GROUP BY confidence");
    const share = Object.fromEntries(confidences.map((c) => [c.confidence, c.share]));
    expect(share.on_track).toBeGreaterThan(share.at_risk!);
    expect(share.at_risk).toBeGreaterThan(0.1);
    expect(share.off_track).toBeGreaterThan(0.03);
    const late = await rows<{ n: number }>("SELECT count(*)::int AS n FROM check_ins WHERE created_at > '2026-11-25T12:00:00Z'");
    expect(late[0]!.n).toBe(0);
  });

  it("has one person owning exactly ten key results in the active cycle", async () => {
    const person = first.manifest.users.tenKeyResults;
    const owned = await rows<{ id: string }>(
      "SELECT k.id FROM key_results k JOIN cycles c ON c.id = k.cycle_id AND c.state = 'active' WHERE k.owner_id = $1 ORDER BY k.id",
      [person.id],
    );
    expect(owned.map((r) => r.id)).toEqual([...person.keyResultIds].sort());
    expect(owned).toHaveLength(10);
  });

  it("stores progress, current value, confidence and last check-in exactly as the check-ins and lib/progress say", async () => {
    const keyResults = await rows<{
      id: string; objective_id: string; type: KeyResultType; direction: Direction; start_value: string; target_value: string; current_value: string;
      progress: string; weight: string; confidence: string; last_check_in_at: Date; last_value: string; last_confidence: string; last_at: Date;
    }>(`
      SELECT k.id, k.objective_id, k.type, k.direction, k.start_value, k.target_value, k.current_value, k.progress, k.weight, k.confidence, k.last_check_in_at,
             l.value AS last_value, l.confidence AS last_confidence, l.created_at AS last_at
        FROM key_results k
        JOIN LATERAL (SELECT value, confidence, created_at FROM check_ins WHERE key_result_id = k.id ORDER BY week DESC LIMIT 1) l ON true`);
    expect(keyResults).toHaveLength(first.manifest.counts.key_results!);
    const byObjective = new Map<string, { progress: string; weight: string }[]>();
    for (const kr of keyResults) {
      expect(kr.current_value).toBe(kr.last_value);
      expect(kr.confidence).toBe(kr.last_confidence);
      expect(kr.last_check_in_at).toEqual(kr.last_at);
      const expected = round4(keyResultProgress({ type: kr.type, direction: kr.direction, start: kr.start_value, target: kr.target_value, current: kr.current_value }).progress);
      expect(kr.progress, kr.id).toBe(expected);
      byObjective.set(kr.objective_id, [...(byObjective.get(kr.objective_id) ?? []), { progress: kr.progress, weight: kr.weight }]);
    }
    const objectives = await rows<{ id: string; progress: string }>("SELECT id, progress FROM objectives");
    for (const o of objectives) expect(o.progress, o.id).toBe(round4(weightedMean(byObjective.get(o.id)!)));
    expect(new Set(keyResults.map((k) => k.type))).toEqual(new Set(["number", "percent", "currency", "milestone", "yes_no"]));
    expect(new Set(keyResults.map((k) => k.direction))).toEqual(new Set(["increase", "decrease", "keep_above", "keep_below"]));
  });

  it("tells a story that holds in time: parents before children, key results before their check-ins, nothing after today", async () => {
    const problems = await rows<{ early_children: number; early_check_ins: number; wrong_weeks: number; late_rows: number }>(`
      SELECT
        (SELECT count(*)::int FROM objectives o
           LEFT JOIN objectives p ON p.id = o.parent_objective_id
           LEFT JOIN key_results k ON k.id = o.parent_key_result_id
          WHERE o.created_at <= coalesce(p.created_at, k.created_at)) AS early_children,
        (SELECT count(*)::int FROM check_ins ci JOIN key_results k ON k.id = ci.key_result_id WHERE ci.created_at <= k.created_at) AS early_check_ins,
        (SELECT count(*)::int FROM check_ins WHERE week <> date_trunc('week', created_at AT TIME ZONE 'UTC')::date) AS wrong_weeks,
        (SELECT count(*)::int FROM audit_events WHERE created_at > '2026-11-25T12:00:00Z')
          + (SELECT count(*)::int FROM objectives WHERE updated_at > '2026-11-25T12:00:00Z')
          + (SELECT count(*)::int FROM comments WHERE created_at > '2026-11-25T12:00:00Z') AS late_rows`);
    expect(problems[0]).toEqual({ early_children: 0, early_check_ins: 0, wrong_weeks: 0, late_rows: 0 });
  });

  it("records target changes, objectives added and abandoned during the cycle, and comments, for 'what changed since'", async () => {
    const { startDate } = first.manifest.cycles.active;
    const changes = await rows<{ before: { targetValue: string }; after: { targetValue: string }; reason: string; target_value: string }>(`
      SELECT a.before, a.after, a.reason, k.target_value FROM audit_events a JOIN key_results k ON k.id = a.entity_id
       WHERE a.entity_type = 'key_result' AND a.action = 'keyresult.target_changed'`);
    expect(changes.length).toBeGreaterThan(0);
    for (const change of changes) {
      expect(change.before.targetValue).toMatch(/^-?\d+(\.\d+)?$/);
      expect(change.before.targetValue).not.toBe(change.after.targetValue);
      expect(Number(change.after.targetValue)).toBe(Number(change.target_value));
      expect(change.reason.length).toBeGreaterThan(0);
    }
    const added = await rows<{ n: number }>("SELECT count(*)::int AS n FROM audit_events WHERE action = 'objective.created' AND created_at >= $1::date", [startDate]);
    expect(added[0]!.n).toBeGreaterThan(0);
    const abandoned = await rows<{ events: number; objectives: number }>(`
      SELECT (SELECT count(*)::int FROM audit_events WHERE action = 'objective.abandoned') AS events,
             (SELECT count(*)::int FROM objectives WHERE state = 'abandoned' AND abandon_reason IS NOT NULL) AS objectives`);
    expect(abandoned[0]!.events).toBeGreaterThan(0);
    expect(abandoned[0]!.events).toBe(abandoned[0]!.objectives);
    expect(first.manifest.counts.comments).toBeGreaterThan(0);
  });
});
