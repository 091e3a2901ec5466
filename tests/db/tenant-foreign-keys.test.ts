import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { poolConfigFromUrl, withDatabase } from "@/lib/db/connection";
import { db } from "@/lib/db/prisma";
import { listMigrations, MIGRATIONS_DIR } from "@/scripts/lib/migrations";
import { quoteIdent, withAdminClient } from "../setup/databases";
import { addTeamMember, createCheckIn, createCycle, createKeyResult, createMember, createObjective, createTeam } from "@/prisma/factories";
import { createWorld } from "../helpers/world";

/**
 * The database keeps organisations apart by itself: raw SQL, which skips every check of the application, still cannot
 * link a row of one organisation to a row of another. Each case writes the same link twice: within one organisation
 * (accepted) and across two (refused with a foreign-key violation, leaving the row as it was).
 */

let sql: pg.Client;

beforeAll(async () => {
  sql = new pg.Client(poolConfigFromUrl(process.env.DATABASE_URL!));
  await sql.connect();
});

afterAll(async () => {
  await sql.end();
});

async function tenant(checkInWeek = new Date(Date.UTC(2026, 10, 2))) {
  const world = await createWorld();
  const spareCycle = await createCycle(db, world.org.id);
  const objective = await createObjective(db, world.org.id, { cycleId: world.cycle.id, ownerId: world.owner.id, teamId: world.team.id });
  const keyResult = await createKeyResult(db, world.org.id, { objectiveId: objective.id, ownerId: world.lead.id });
  const checkIn = await createCheckIn(db, world.org.id, { keyResultId: keyResult.id, authorId: world.lead.id, week: checkInWeek, value: 1 });
  return { ...world, spareCycle, objective, keyResult, checkIn };
}

type Tenant = Awaited<ReturnType<typeof tenant>>;

let a: Tenant;
let b: Tenant;

beforeAll(async () => {
  // Different weeks, so moving a check-in between them meets no one-per-week conflict before the foreign key.
  [a, b] = await Promise.all([tenant(), tenant(new Date(Date.UTC(2026, 10, 16)))]);
});

/** Runs `statement` and answers the SQLSTATE it failed with, or null when it succeeded. */
async function sqlState(statement: string, values: unknown[]): Promise<string | null> {
  try {
    await sql.query(statement, values);
    return null;
  } catch (error) {
    return (error as { code?: string }).code ?? "unknown";
  }
}

async function count(table: string, where: string, values: unknown[]): Promise<number> {
  const { rows } = await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`, values);
  return rows[0]!.n;
}

async function column(table: string, name: string, id: string): Promise<unknown> {
  const { rows } = await sql.query(`SELECT ${name} AS v FROM ${table} WHERE id = $1`, [id]);
  return rows[0]?.v;
}

describe("composite foreign keys refuse links across organisations written by raw SQL", () => {
  const updates: Array<{ name: string; table: string; column: string; row: (t: Tenant) => string; target: (t: Tenant) => string }> = [
    { name: "an objective aligned under another organisation's objective", table: "objectives", column: "parent_objective_id", row: (t) => t.objective.id, target: (t) => t.objective.id },
    { name: "an objective aligned under another organisation's key result", table: "objectives", column: "parent_key_result_id", row: (t) => t.objective.id, target: (t) => t.keyResult.id },
    { name: "an objective carried forward from another organisation's objective", table: "objectives", column: "carried_from_id", row: (t) => t.objective.id, target: (t) => t.objective.id },
    { name: "an objective moved into another organisation's cycle", table: "objectives", column: "cycle_id", row: (t) => t.objective.id, target: (t) => t.cycle.id },
    { name: "an objective given to another organisation's team", table: "objectives", column: "team_id", row: (t) => t.objective.id, target: (t) => t.team.id },
    { name: "a key result moved under another organisation's objective", table: "key_results", column: "objective_id", row: (t) => t.keyResult.id, target: (t) => t.objective.id },
    { name: "a key result moved into another organisation's cycle", table: "key_results", column: "cycle_id", row: (t) => t.keyResult.id, target: (t) => t.cycle.id },
    { name: "a check-in moved onto another organisation's key result", table: "check_ins", column: "key_result_id", row: (t) => t.checkIn.id, target: (t) => t.keyResult.id },
    { name: "a team put under a team of another organisation", table: "teams", column: "parent_id", row: (t) => t.team.id, target: (t) => t.team.id },
    { name: "an organisation's default cycle set to another organisation's cycle", table: "organizations", column: "default_cycle_id", row: (t) => t.org.id, target: (t) => t.spareCycle.id },
  ];

  for (const link of updates) {
    it(`refuses ${link.name}`, async () => {
      const before = await column(link.table, link.column, link.row(a));
      const across = await sqlState(`UPDATE ${link.table} SET ${link.column} = $1 WHERE id = $2`, [link.target(b), link.row(a)]);
      expect(across).toBe("23503");
      expect(await column(link.table, link.column, link.row(a))).toEqual(before);
    });
  }

  it("accepts the same links within one organisation", async () => {
    const team = await createTeam(db, a.org.id);
    const cycle = await createCycle(db, a.org.id);
    const objective = await createObjective(db, a.org.id, { cycleId: a.cycle.id, ownerId: a.owner.id });
    const keyResult = await createKeyResult(db, a.org.id, { objectiveId: objective.id, ownerId: a.owner.id });
    const moves: Array<[string, string, string, string]> = [
      ["objectives", "parent_objective_id", a.objective.id, objective.id],
      ["objectives", "parent_key_result_id", objective.id, a.keyResult.id],
      ["objectives", "carried_from_id", objective.id, a.objective.id],
      ["objectives", "team_id", objective.id, team.id],
      ["objectives", "cycle_id", objective.id, cycle.id],
      ["key_results", "cycle_id", keyResult.id, cycle.id],
      ["key_results", "objective_id", keyResult.id, a.objective.id],
      ["check_ins", "key_result_id", a.checkIn.id, keyResult.id],
      ["teams", "parent_id", team.id, a.team.id],
      ["organizations", "default_cycle_id", a.org.id, cycle.id],
    ];
    for (const [table, name, row, target] of moves) {
      expect(await sqlState(`UPDATE ${table} SET ${name} = $1 WHERE id = $2`, [target, row]), `${table}.${name}`).toBeNull();
      expect(await column(table, name, row)).toBe(target);
    }
  });

  it("refuses new rows that point into another organisation, and takes them within one", async () => {
    // `where` finds the row by its first values, which name only the writer's own organisation.
    const inserts: Array<{ name: string; table: string; where: string; statement: string; values: (own: Tenant, other: Tenant) => unknown[] }> = [
      {
        name: "key result under another organisation's objective",
        table: "key_results",
        where: "title = $1",
        statement: `INSERT INTO key_results (id, organization_id, cycle_id, objective_id, owner_id, title, start_value, target_value, current_value, updated_at)
                    VALUES (gen_random_uuid(), $2, $3, $4, $5, $1, 0, 10, 0, now())`,
        values: (own, other) => [`kr ${own.org.id}`, own.org.id, own.cycle.id, other.objective.id, own.owner.id],
      },
      {
        name: "check-in on another organisation's key result",
        table: "check_ins",
        where: "note = $1",
        statement: `INSERT INTO check_ins (id, organization_id, key_result_id, author_id, week, value, confidence, note, updated_at)
                    VALUES (gen_random_uuid(), $2, $3, $4, '2026-11-09', 1, 'on_track', $1, now())`,
        values: (own, other) => [`check-in ${own.org.id}`, own.org.id, other.keyResult.id, own.lead.id],
      },
      {
        name: "check-in version of another organisation's check-in",
        table: "check_in_versions",
        where: "note = $1",
        statement: `INSERT INTO check_in_versions (id, organization_id, check_in_id, author_id, version, value, confidence, note)
                    VALUES (gen_random_uuid(), $2, $3, $4, 99, 1, 'on_track', $1)`,
        values: (own, other) => [`version ${own.org.id}`, own.org.id, other.checkIn.id, own.lead.id],
      },
      {
        name: "comment on another organisation's objective",
        table: "comments",
        where: "body = $1",
        statement: `INSERT INTO comments (id, organization_id, objective_id, author_id, body, updated_at) VALUES (gen_random_uuid(), $2, $3, $4, $1, now())`,
        values: (own, other) => [`comment ${own.org.id}`, own.org.id, other.objective.id, own.member.id],
      },
      {
        name: "objective in another organisation's cycle",
        table: "objectives",
        where: "title = $1",
        statement: `INSERT INTO objectives (id, organization_id, cycle_id, level, owner_id, title, updated_at) VALUES (gen_random_uuid(), $2, $3, 'company', $4, $1, now())`,
        values: (own, other) => [`objective ${own.org.id}`, own.org.id, other.cycle.id, own.owner.id],
      },
      {
        name: "membership of another organisation's team",
        table: "team_memberships",
        where: "organization_id = $1 AND user_id = $2",
        statement: `INSERT INTO team_memberships (id, organization_id, user_id, team_id) VALUES (gen_random_uuid(), $1, $2, $3)`,
        values: (own, other) => [own.org.id, own.viewer.id, other.team.id],
      },
      {
        name: "nudge in another organisation's team",
        table: "nudges",
        where: "organization_id = $1 AND to_user_id = $2",
        statement: `INSERT INTO nudges (id, organization_id, to_user_id, from_user_id, team_id, week) VALUES (gen_random_uuid(), $1, $2, $3, $4, '2026-11-09')`,
        values: (own, other) => [own.org.id, own.member.id, own.lead.id, other.team.id],
      },
    ];
    for (const insert of inserts) {
      const key = insert.values(a, a).slice(0, insert.where.match(/\$\d/g)!.length);
      expect(await sqlState(insert.statement, insert.values(a, b)), insert.name).toBe("23503");
      expect(await count(insert.table, insert.where, key), insert.name).toBe(0);

      expect(await sqlState(insert.statement, insert.values(a, a)), `${insert.name}, within one organisation`).toBeNull();
      expect(await count(insert.table, insert.where, key), insert.name).toBe(1);
    }
  });

  it("refuses a member of one organisation in another organisation's team", async () => {
    const outsider = b.viewer.id;
    const across = await sqlState(`INSERT INTO team_memberships (id, organization_id, team_id, user_id) VALUES (gen_random_uuid(), $1, $2, $3)`, [a.org.id, a.team.id, outsider]);
    expect(across).toBe("23503");
    expect(await count("team_memberships", "team_id = $1 AND user_id = $2", [a.team.id, outsider])).toBe(0);

    const insider = await createMember(db, a.org.id, "member");
    expect(await sqlState(`INSERT INTO team_memberships (id, organization_id, team_id, user_id) VALUES (gen_random_uuid(), $1, $2, $3)`, [a.org.id, a.team.id, insider.id])).toBeNull();
  });

  it("refuses moving a row to another organisation while its links stay behind", async () => {
    expect(await sqlState(`UPDATE key_results SET organization_id = $1 WHERE id = $2`, [b.org.id, a.keyResult.id])).toBe("23503");
    expect(await column("key_results", "organization_id", a.keyResult.id)).toBe(a.org.id);
  });
});

describe("deleting what a link points at", () => {
  it("clears only the link column of optional links, never the organisation", async () => {
    const world = await tenant();
    const parent = await createObjective(db, world.org.id, { cycleId: world.cycle.id, ownerId: world.owner.id });
    const parentKr = await createKeyResult(db, world.org.id, { objectiveId: parent.id, ownerId: world.owner.id });
    const underObjective = await createObjective(db, world.org.id, { cycleId: world.cycle.id, ownerId: world.owner.id, parentObjectiveId: parent.id });
    const underKr = await createObjective(db, world.org.id, { cycleId: world.cycle.id, ownerId: world.owner.id, parentKeyResultId: parentKr.id });
    await sql.query(`UPDATE objectives SET carried_from_id = $1 WHERE id = $2`, [parent.id, world.objective.id]);

    await sql.query(`DELETE FROM key_results WHERE id = $1`, [parentKr.id]);
    expect(await column("objectives", "parent_key_result_id", underKr.id)).toBeNull();
    expect(await column("objectives", "organization_id", underKr.id)).toBe(world.org.id);

    await sql.query(`DELETE FROM objectives WHERE id = $1`, [parent.id]);
    expect(await column("objectives", "parent_objective_id", underObjective.id)).toBeNull();
    expect(await column("objectives", "carried_from_id", world.objective.id)).toBeNull();
    expect(await column("objectives", "organization_id", underObjective.id)).toBe(world.org.id);

    const spare = await createCycle(db, world.org.id);
    await sql.query(`UPDATE organizations SET default_cycle_id = $1 WHERE id = $2`, [spare.id, world.org.id]);
    await sql.query(`DELETE FROM cycles WHERE id = $1`, [spare.id]);
    expect(await column("organizations", "default_cycle_id", world.org.id)).toBeNull();
    expect(await column("organizations", "id", world.org.id)).toBe(world.org.id);
  });

  it("ends a removed member's team memberships with the membership", async () => {
    const world = await createWorld();
    const person = await createMember(db, world.org.id, "member");
    await addTeamMember(db, world.org.id, world.team.id, person.id);
    await sql.query(`DELETE FROM memberships WHERE organization_id = $1 AND user_id = $2`, [world.org.id, person.id]);
    expect(await count("team_memberships", "organization_id = $1 AND user_id = $2", [world.org.id, person.id])).toBe(0);
  });

  it("deletes a whole organisation, with every composite link inside it", async () => {
    const world = await tenant();
    await createObjective(db, world.org.id, { cycleId: world.cycle.id, ownerId: world.owner.id, parentKeyResultId: world.keyResult.id });
    await sql.query(`DELETE FROM organizations WHERE id = $1`, [world.org.id]);
    expect(await count("objectives", "organization_id = $1", [world.org.id])).toBe(0);
    expect(await count("teams", "organization_id = $1", [world.org.id])).toBe(0);
  });
});

describe("the migration on a database that already holds organisations", () => {
  const migration = listMigrations().find((name) => name.endsWith("_tenant_composite_foreign_keys"))!;
  const before = listMigrations().filter((name) => name < migration);
  const serverUrl = inject("serverUrl");
  const scratch = `${process.env.KEEL_TEST_DB_PREFIX ?? "keel_test"}_fk_upgrade_${process.pid}`;

  afterAll(async () => {
    await withAdminClient(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${quoteIdent(scratch)} WITH (FORCE)`));
  });

  /** A fresh database at the schema just before the migration, holding two organisations written by plain SQL. */
  async function populated(): Promise<{ client: pg.Client; ids: Record<string, string> }> {
    await withAdminClient(serverUrl, async (c) => {
      await c.query(`DROP DATABASE IF EXISTS ${quoteIdent(scratch)} WITH (FORCE)`);
      await c.query(`CREATE DATABASE ${quoteIdent(scratch)}`);
    });
    const client = new pg.Client(poolConfigFromUrl(withDatabase(serverUrl, scratch)));
    // The database is dropped with its connections at the end; that ending is expected, not an error of the test.
    client.on("error", () => undefined);
    await client.connect();
    for (const name of before) await client.query(readFileSync(path.join(MIGRATIONS_DIR, name, "migration.sql"), "utf8"));
    const ids: Record<string, string> = {};
    for (const org of ["a", "b"]) {
      for (const key of ["org", "user", "outsider", "team", "sub", "cycle", "objective", "child", "kr", "checkIn"]) ids[`${org}.${key}`] = randomUUID();
      const id = (key: string) => ids[`${org}.${key}`];
      const statements = [
        ["INSERT INTO organizations (id, name, slug, updated_at) VALUES ($1, $2, $2, now())", [id("org"), `org-${id("org")}`]],
        ["INSERT INTO users (id, email, name, updated_at) VALUES ($1::uuid, $1::text || '@example.test', 'Member', now()), ($2::uuid, $2::text || '@example.test', 'Outsider', now())", [id("user"), id("outsider")]],
        ["INSERT INTO memberships (id, organization_id, user_id, role) VALUES (gen_random_uuid(), $1, $2, 'owner')", [id("org"), id("user")]],
        ["INSERT INTO teams (id, organization_id, name, updated_at) VALUES ($1, $2, 'Top', now())", [id("team"), id("org")]],
        ["INSERT INTO teams (id, organization_id, parent_id, name, updated_at) VALUES ($1, $2, $3, 'Sub', now())", [id("sub"), id("org"), id("team")]],
        // The outsider's team membership is one a bug could have left: they are no member of the organisation.
        ["INSERT INTO team_memberships (id, organization_id, team_id, user_id) VALUES (gen_random_uuid(), $1, $2, $3), (gen_random_uuid(), $1, $4, $5)", [id("org"), id("team"), id("user"), id("sub"), id("outsider")]],
        ["INSERT INTO cycles (id, organization_id, name, start_date, end_date, updated_at) VALUES ($1, $2, 'Q4', '2026-10-01', '2026-12-31', now())", [id("cycle"), id("org")]],
        ["UPDATE organizations SET default_cycle_id = $1 WHERE id = $2", [id("cycle"), id("org")]],
        ["INSERT INTO objectives (id, organization_id, cycle_id, level, owner_id, title, updated_at) VALUES ($1, $2, $3, 'company', $4, 'Company', now())", [id("objective"), id("org"), id("cycle"), id("user")]],
        [
          "INSERT INTO key_results (id, organization_id, cycle_id, objective_id, owner_id, title, start_value, target_value, current_value, updated_at) VALUES ($1, $2, $3, $4, $5, 'KR', 0, 10, 0, now())",
          [id("kr"), id("org"), id("cycle"), id("objective"), id("user")],
        ],
        [
          "INSERT INTO objectives (id, organization_id, cycle_id, level, team_id, owner_id, title, parent_key_result_id, carried_from_id, updated_at) VALUES ($1, $2, $3, 'team', $4, $5, 'Team', $6, $7, now())",
          [id("child"), id("org"), id("cycle"), id("team"), id("user"), id("kr"), id("objective")],
        ],
        ["INSERT INTO check_ins (id, organization_id, key_result_id, author_id, week, value, confidence, updated_at) VALUES ($1, $2, $3, $4, '2026-11-02', 1, 'on_track', now())", [id("checkIn"), id("org"), id("kr"), id("user")]],
        ["INSERT INTO check_in_versions (id, organization_id, check_in_id, author_id, version, value, confidence) VALUES (gen_random_uuid(), $1, $2, $3, 1, 1, 'on_track')", [id("org"), id("checkIn"), id("user")]],
        ["INSERT INTO comments (id, organization_id, objective_id, author_id, body, updated_at) VALUES (gen_random_uuid(), $1, $2, $3, 'Looks right', now())", [id("org"), id("child"), id("user")]],
        ["INSERT INTO nudges (id, organization_id, team_id, from_user_id, to_user_id, week) VALUES (gen_random_uuid(), $1, $2, $3, $3, '2026-11-02')", [id("org"), id("team"), id("user")]],
      ] as const;
      for (const [statement, values] of statements) await client.query(statement, [...values]);
    }
    return { client, ids };
  }

  const migrationSql = () => readFileSync(path.join(MIGRATIONS_DIR, migration, "migration.sql"), "utf8");

  it("keeps every row of a consistent database and drops only team memberships of non-members", async () => {
    const { client, ids } = await populated();
    try {
      const counts = async () => (await client.query<{ t: string; n: number }>(
        `SELECT 'objectives' AS t, count(*)::int AS n FROM objectives UNION ALL SELECT 'key_results', count(*)::int FROM key_results
         UNION ALL SELECT 'check_ins', count(*)::int FROM check_ins UNION ALL SELECT 'comments', count(*)::int FROM comments
         UNION ALL SELECT 'team_memberships', count(*)::int FROM team_memberships ORDER BY 1`,
      )).rows;
      const was = await counts();
      await client.query(migrationSql());
      const now = await counts();
      expect(now).toEqual(was.map((row) => (row.t === "team_memberships" ? { ...row, n: row.n - 2 } : row)));
      const left = await client.query("SELECT user_id FROM team_memberships WHERE user_id = ANY($1::uuid[])", [[ids["a.outsider"], ids["b.outsider"]]]);
      expect(left.rowCount).toBe(0);
      const keys = await client.query("SELECT count(*)::int AS n FROM pg_constraint WHERE contype = 'f' AND array_length(conkey, 1) = 2");
      expect(keys.rows[0].n).toBe(15);
    } finally {
      await client.end();
    }
  }, 60_000);

  it("stops, changing nothing, on a database that already links two organisations", async () => {
    const { client, ids } = await populated();
    try {
      await client.query("UPDATE objectives SET parent_key_result_id = $1 WHERE id = $2", [ids["b.kr"], ids["a.child"]]);
      await expect(client.query(migrationSql())).rejects.toMatchObject({ code: "23503", constraint: "objectives_organization_id_parent_key_result_id_fkey" });
      const kept = await client.query("SELECT count(*)::int AS n FROM team_memberships");
      expect(kept.rows[0].n).toBe(4);
      const fks = await client.query("SELECT count(*)::int AS n FROM pg_constraint WHERE conname = 'teams_organization_id_parent_id_fkey'");
      expect(fks.rows[0].n).toBe(0);
    } finally {
      await client.end();
    }
  }, 60_000);
});
