import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import { poolConfigFromUrl, withDatabase } from "@/lib/db/connection";
import { seedDemoIfEmpty } from "@/prisma/seed-demo";
import { demoEmail } from "@/prisma/demo";
import { quoteIdent, TEMPLATE_DATABASE, withAdminClient } from "./setup/databases";

const serverUrl = inject("serverUrl");
const names = [`keel_test_seed_a_${process.pid}`, `keel_test_seed_b_${process.pid}`];
const TABLES = ["organizations", "users", "memberships", "teams", "team_memberships", "cycles", "objectives", "key_results", "check_ins", "check_in_versions", "comments", "audit_events", "initiatives", "key_result_dependencies", "objective_supports"];
// Timestamps set by now() and salted password hashes differ between runs by design.
const VOLATILE = new Set(["created_at", "updated_at", "password_hash"]);

async function snapshot(url: string) {
  const client = new pg.Client(poolConfigFromUrl(url));
  await client.connect();
  try {
    const out: Record<string, unknown[]> = {};
    for (const table of TABLES) {
      const rows = await client.query(`SELECT * FROM ${table} ORDER BY id`);
      out[table] = rows.rows.map((row) => Object.fromEntries(Object.entries(row).filter(([k]) => !VOLATILE.has(k))));
    }
    return out;
  } finally {
    await client.end();
  }
}

describe("demo seed", () => {
  afterAll(async () => {
    await withAdminClient(serverUrl, async (c) => {
      for (const name of names) await c.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
    });
  });

  it("is deterministic and looks like a real company", async () => {
    const today = new Date("2026-11-24T10:00:00Z");
    const snapshots = [];
    for (const name of names) {
      await withAdminClient(serverUrl, (c) => c.query(`CREATE DATABASE ${quoteIdent(name)} TEMPLATE ${quoteIdent(TEMPLATE_DATABASE)}`));
      expect(await seedDemoIfEmpty(withDatabase(serverUrl, name), { today })).toBe(true);
      snapshots.push(await snapshot(withDatabase(serverUrl, name)));
    }
    const [first, second] = snapshots;
    expect(second).toEqual(first);

    expect(first!.organizations).toHaveLength(1);
    expect(first!.users).toHaveLength(60);
    const teams = first!.teams as { parent_id: string | null }[];
    expect(teams.filter((t) => t.parent_id === null)).toHaveLength(3);
    expect(teams.filter((t) => t.parent_id !== null)).toHaveLength(8);
    const cycles = first!.cycles as { id: string; state: string }[];
    const active = cycles.find((c) => c.state === "active")!;
    const objectives = (first!.objectives as { cycle_id: string; parent_objective_id: string | null; parent_key_result_id: string | null }[]).filter((o) => o.cycle_id === active.id);
    expect(objectives.length).toBeGreaterThanOrEqual(28);
    expect(objectives.filter((o) => o.parent_key_result_id).length).toBeGreaterThan(0);
    const weeks = new Set((first!.check_ins as { week: Date }[]).map((c) => c.week.toISOString()));
    expect(weeks.size).toBe(6);
    expect(new Set((first!.check_ins as { confidence: string }[]).map((c) => c.confidence))).toEqual(new Set(["on_track", "at_risk", "off_track"]));
    expect((first!.users as { email: string }[]).map((u) => u.email)).toContain(demoEmail(0));

    // Initiatives, one of them overdue, and a key result whose progress is the share of its initiatives done.
    const initiatives = first!.initiatives as { key_result_id: string; status: string; due_date: Date | null }[];
    expect(initiatives.length).toBeGreaterThanOrEqual(5);
    expect(initiatives.some((i) => (i.status === "planned" || i.status === "in_progress") && i.due_date !== null && i.due_date < today)).toBe(true);
    const counted = (first!.key_results as { id: string; type: string; current_value: string; target_value: string; progress: string }[]).find((k) => k.type === "initiatives")!;
    const under = initiatives.filter((i) => i.key_result_id === counted.id);
    expect(Number(counted.current_value)).toBe(under.filter((i) => i.status === "done").length);
    expect(Number(counted.target_value)).toBe(under.filter((i) => i.status !== "dropped").length);
    expect(Number(counted.progress)).toBeCloseTo((100 * Number(counted.current_value)) / Number(counted.target_value), 3);

    // Dependencies across teams, at least one on a key result in trouble (a blast radius to see), and supports.
    const dependencies = first!.key_result_dependencies as { depends_on_id: string }[];
    expect(dependencies.length).toBeGreaterThanOrEqual(2);
    const troubled = new Set((first!.key_results as { id: string; confidence: string | null }[]).filter((k) => k.confidence === "off_track" || k.confidence === "at_risk").map((k) => k.id));
    expect(dependencies.some((d) => troubled.has(d.depends_on_id))).toBe(true);
    expect((first!.objective_supports as unknown[]).length).toBeGreaterThanOrEqual(1);
  });

  it("does not seed a database that already has organisations", async () => {
    expect(await seedDemoIfEmpty(withDatabase(serverUrl, names[0]!))).toBe(false);
  });
});
