import { readFileSync } from "node:fs";
import path from "node:path";
import { encode } from "next-auth/jwt";
import pg from "pg";
import type { KeyResultTarget, Member } from "./load";
import { SoakSetupError } from "./processes";

export interface DemoWorld {
  orgId: string;
  cycleId: string;
  objectiveIds: string[];
  members: (Member & { sessionVersion: number })[];
}

/** The demo organisation's active cycle and the people who own key results in it, most key results first. */
export async function loadDemoWorld(url: string, count: number): Promise<DemoWorld> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{
      user_id: string; email: string; sv: number; org_id: string; cycle_id: string; kr_id: string; objective_id: string;
      type: string; start_value: string; target_value: string; milestones: number;
    }>(`
      SELECT u.id::text AS user_id, u.email, u.session_version AS sv, k.organization_id::text AS org_id, c.id::text AS cycle_id,
             k.id::text AS kr_id, k.objective_id::text AS objective_id, k.type::text AS type, k.start_value::text AS start_value,
             k.target_value::text AS target_value, COALESCE(array_length(k.milestones, 1), k.target_value::int, 0) AS milestones
      FROM key_results k
      JOIN cycles c ON c.id = k.cycle_id AND c.state = 'active'
      JOIN objectives o ON o.id = k.objective_id AND o.state <> 'abandoned'
      JOIN users u ON u.id = k.owner_id
      JOIN memberships m ON m.user_id = u.id AND m.organization_id = k.organization_id AND m.role <> 'viewer'
      ORDER BY u.email, k.id`);
    if (!rows.length) throw new SoakSetupError("The demo organisation has no active cycle with key results: did the seed run?");
    const byUser = new Map<string, Member & { sessionVersion: number }>();
    for (const r of rows) {
      const member = byUser.get(r.user_id) ?? { userId: r.user_id, email: r.email, sessionVersion: r.sv, keyResults: [] as KeyResultTarget[] };
      member.keyResults.push({ id: r.kr_id, objectiveId: r.objective_id, type: r.type, startValue: Number(r.start_value), targetValue: Number(r.target_value), milestones: r.milestones });
      byUser.set(r.user_id, member);
    }
    const members = [...byUser.values()].sort((a, b) => b.keyResults.length - a.keyResults.length).slice(0, count);
    if (members.length < count) throw new SoakSetupError(`The soak needs ${count} people who own key results; the demo has ${members.length}`);
    const objectives = await client.query<{ id: string }>(`SELECT id::text FROM objectives WHERE cycle_id = $1 ORDER BY id`, [rows[0]!.cycle_id]);
    return { orgId: rows[0]!.org_id, cycleId: rows[0]!.cycle_id, objectiveIds: objectives.rows.map((o) => o.id), members };
  } finally {
    await client.end();
  }
}

/**
 * A write token per API client, made by Keel's own createApiToken (the audit event included), as the person would
 * make it under their profile. Runs the library against the database directly, before any app server starts.
 */
export async function createTokens(directUrl: string, members: Member[]): Promise<void> {
  process.env.DATABASE_URL = directUrl;
  const { resolveActor } = await import("../../../lib/auth/actor");
  const { createApiToken } = await import("../../../lib/api-tokens/mutations");
  const { pool } = await import("../../../lib/db/pool");
  try {
    for (const member of members) {
      const actor = await resolveActor(member.userId, { via: "session" });
      if (!actor) throw new SoakSetupError(`${member.email} is in no organisation`);
      member.token = (await createApiToken(actor, { name: "soak", scope: "write", expiresIn: "30" })).secret;
    }
  } finally {
    await pool.end();
  }
}

/** The session cookie next-auth sets at sign-in (what the e2e fixtures' signInAs does). */
export async function mintSessionCookies(secret: string, members: (Member & { sessionVersion: number })[]): Promise<void> {
  for (const m of members) {
    m.sessionCookie = await encode({ token: { uid: m.userId, sub: m.userId, email: m.email, sv: m.sessionVersion }, secret });
  }
}

/** The ids the production build gave the server actions the soak calls, from its server-reference manifest. */
export function serverActionIds(distDir: string): { saveMyWeek: string; addComment: string } {
  const file = path.join(distDir, "server", "server-reference-manifest.json");
  const manifest = JSON.parse(readFileSync(file, "utf8")) as { node: Record<string, { exportedName?: string; filename?: string }> };
  const find = (exportedName: string) => {
    const entry = Object.entries(manifest.node).find(([, v]) => v.exportedName === exportedName);
    if (!entry) throw new SoakSetupError(`${exportedName} is not in ${file}: is the build current?`);
    return entry[0];
  };
  return { saveMyWeek: find("saveMyWeekAction"), addComment: find("addCommentAction") };
}
